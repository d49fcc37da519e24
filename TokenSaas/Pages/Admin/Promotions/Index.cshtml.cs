using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TokenSaas.Infrastructure;
using TokenSaas.Ledger;
using TokenSaas.Promotions;

namespace TokenSaas.Pages.Admin.Promotions;

public sealed class IndexModel(PromotionListing listing, TokenCalendar calendar) : PageModel
{
    /// <summary>The order the groups are shown in.</summary>
    public static readonly PromotionStatus[] Groups = [PromotionStatus.Active, PromotionStatus.Scheduled, PromotionStatus.Paused, PromotionStatus.Ended];

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<PromotionView> Promotions { get; private set; } = [];

    public TimeZoneInfo Zone => calendar.Zone;

    public bool Filtered => !string.IsNullOrWhiteSpace(Status) || !string.IsNullOrWhiteSpace(Type) || !string.IsNullOrWhiteSpace(Q);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        // An unknown status or type in the address filters by nothing rather than failing.
        Promotions = await listing.ListAsync(new PromotionFilter(PromotionText.ParseStatus(Status), PromotionText.ParseType(Type), Q), cancellationToken);
        Response.Headers.Vary = "HX-Request";
        return Request.IsHtmx() && Request.Headers["HX-Target"] == "promotion-cards" ? Partial("_Cards", this) : Page();
    }
}
