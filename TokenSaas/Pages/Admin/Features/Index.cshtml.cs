using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TokenSaas.Features;
using TokenSaas.Infrastructure;

namespace TokenSaas.Pages.Admin.Features;

public sealed class IndexModel(FeatureListing listing) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public FeatureQuery Query { get; set; } = new();

    public FeatureList List { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        List = await listing.ListAsync(Query, cancellationToken);
        Response.Headers.Vary = "HX-Request";
        return Request.IsHtmx() && Request.Headers["HX-Target"] == "feature-table" ? Partial("_Table", this) : Page();
    }
}
