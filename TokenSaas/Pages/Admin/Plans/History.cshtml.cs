using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TokenSaas.Plans;

namespace TokenSaas.Pages.Admin.Plans;

public sealed class HistoryModel(PlanEditor editor) : PageModel
{
    public Plan Plan { get; private set; } = null!;

    public IReadOnlyList<(PlanVersion Version, PlanVersion? Previous)> Versions { get; private set; } = [];

    public IReadOnlyList<VersionCount> Subscribers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken cancellationToken)
    {
        if (await editor.FindAsync(key, cancellationToken) is not { } plan)
        {
            return NotFound();
        }

        Plan = plan;
        Versions = await editor.HistoryAsync(key, cancellationToken);
        Subscribers = await editor.SubscribersAsync(key, cancellationToken);
        return Page();
    }
}
