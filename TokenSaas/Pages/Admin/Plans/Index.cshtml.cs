using Microsoft.AspNetCore.Mvc.RazorPages;
using TokenSaas.Plans;

namespace TokenSaas.Pages.Admin.Plans;

public sealed class IndexModel(PlanEditor editor) : PageModel
{
    public IReadOnlyList<PlanRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Rows = await editor.ListAsync(cancellationToken);
}
