using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TokenSaas.Audit;
using TokenSaas.Infrastructure;
using TokenSaas.Ledger;
using TokenSaas.Promotions;

namespace TokenSaas.Pages.Admin.Promotions;

/// <summary>What the pause, resume and end buttons post: the action, then (in the confirm step) the reason and a key made for it.</summary>
public sealed class StateChange
{
    public string? Action { get; set; }
    public string? Reason { get; set; }
    public string? IdempotencyKey { get; set; }
}

public sealed class DetailModel(PromotionListing listing, PromotionEditor editor, TokenCalendar calendar) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty]
    public StateChange Input { get; set; } = new();

    public PromotionView Promotion { get; private set; } = null!;

    public IReadOnlyList<RedemptionRow> Latest { get; private set; } = [];

    public TimeZoneInfo Zone => calendar.Zone;

    /// <summary>Set when the confirm step is shown (with its messages, if the change was refused).</summary>
    public IReadOnlyDictionary<string, string>? Confirming { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        (Confirming, Input.IdempotencyKey) = (new Dictionary<string, string>(), Guid.NewGuid().ToString("N"));
        return Request.IsHtmx() ? Partial("_Confirm", this) : Page();
    }

    public async Task<IActionResult> OnPostActAsync(CancellationToken cancellationToken)
    {
        var act = new AdminAct(AdminActor.From(HttpContext), Input.Reason, Input.IdempotencyKey);
        var result = Input.Action switch
        {
            "pause" => await editor.PauseAsync(Id, act, cancellationToken),
            "resume" => await editor.ResumeAsync(Id, act, cancellationToken),
            "end" => await editor.EndAsync(Id, act, cancellationToken),
            _ => null,
        };
        if (result is null || !await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            Confirming = result.Errors;
            return Request.IsHtmx() ? Partial("_Confirm", this) : Page();
        }

        TempData["StatusMessage"] = $"{Promotion.Name} is {Promotion.Status}.";
        return this.Navigate($"/admin/promotions/{Id}");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (await listing.FindAsync(Id, cancellationToken) is not { } promotion)
        {
            return false;
        }

        (Promotion, Latest) = (promotion, await listing.LatestAsync(Id, cancellationToken));
        return true;
    }
}
