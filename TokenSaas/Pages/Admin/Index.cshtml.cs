using Microsoft.AspNetCore.Mvc.RazorPages;
using TokenSaas.Admin;

namespace TokenSaas.Pages.Admin;

public sealed class IndexModel(AdminOverviewQuery query) : PageModel
{
    public AdminOverview Overview { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Overview = await query.GetAsync(cancellationToken);
}
