using Microsoft.AspNetCore.Mvc.RazorPages;
using TokenSaas.Content;
using TokenSaas.Ledger;

namespace TokenSaas.Pages.Admin.Content;

/// <summary>The pricing page's content: each block's state (draft pending, live version, schedule) and the other managers.</summary>
public sealed class IndexModel(ContentHistory history, TokenCalendar calendar) : PageModel
{
    public IReadOnlyList<BlockView> Blocks { get; private set; } = [];

    public TimeZoneInfo Zone => calendar.Zone;

    public string Local(DateTime utc) => ContentTimes.Local(utc, Zone);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var blocks = new List<BlockView>();
        foreach (var target in await history.TargetsAsync(cancellationToken))
        {
            blocks.Add(await history.BlockAsync(target, cancellationToken));
        }

        Blocks = blocks;
    }
}
