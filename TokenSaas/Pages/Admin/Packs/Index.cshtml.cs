using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TokenSaas.Infrastructure;
using TokenSaas.Payments;

namespace TokenSaas.Pages.Admin.Packs;

public sealed class IndexModel(PackEditor packs) : PageModel
{
    /// <summary>all (default) · active · hidden</summary>
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    public IReadOnlyList<PackView> Packs { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Packs = await packs.ListAsync(Status switch { "active" => true, "hidden" => false, _ => null }, cancellationToken);
        Response.Headers.Vary = "HX-Request";
        return Request.IsHtmx() && Request.Headers["HX-Target"] == "pack-table" ? Partial("_Table", this) : Page();
    }

    public IReadOnlyDictionary<string, decimal> PricePerToken(PackView pack) => packs.PricePerToken(pack);
}
