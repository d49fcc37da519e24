using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TokenSaas.Admin;
using TokenSaas.Audit;
using TokenSaas.Infrastructure;
using TokenSaas.Ledger;
using TokenSaas.Promotions;

namespace TokenSaas.Pages.Admin.Promotions;

/// <summary>
/// The promotion form's pages (New, Edit): the form partial _Form takes either. A refused save shows
/// the form again with each message next to its field and what was typed kept (htmx: retargeted).
/// </summary>
public abstract class PromotionFormPage(PromotionEditor editor, TokenCalendar calendar) : PageModel
{
    public const string FormId = "promotion-form";

    [BindProperty]
    public PromotionForm Input { get; set; } = new();

    public IReadOnlyList<PricedItem> Packs { get; private set; } = [];

    public IReadOnlyList<PricedItem> Plans { get; private set; } = [];

    public IReadOnlyList<string> Currencies => editor.Currencies.Order().ToList();

    public string TimeZone => calendar.Zone.Id;

    /// <summary>Where the form posts: /admin/promotions/new or /admin/promotions/{id}/edit.</summary>
    public abstract string SelfUrl { get; }

    protected PromotionEditor Editor => editor;

    protected TimeZoneInfo Zone => calendar.Zone;

    protected async Task LoadTargetsAsync(CancellationToken cancellationToken) => (Packs, Plans) = await editor.TargetsAsync(cancellationToken);

    protected AdminAct Act => new(AdminActor.From(HttpContext), Input.Reason, Input.IdempotencyKey);

    /// <summary>Saved: to the promotion's page with a status message. Refused: the form again, with the messages.</summary>
    protected async Task<IActionResult> AnsweredAsync(EditResult<PromotionView> result, string done, CancellationToken cancellationToken)
    {
        if (result.Value is { } saved)
        {
            TempData["StatusMessage"] = result.Outcome == EditOutcome.Unchanged ? "Nothing had changed." : string.Format(done, saved.Name);
            return this.Navigate($"/admin/promotions/{saved.Id}");
        }

        if (result.Outcome == EditOutcome.NotFound)
        {
            return NotFound();
        }

        foreach (var (field, message) in result.Errors)
        {
            ModelState.AddModelError(field is "" or "idempotency_key" or "status" ? string.Empty : "Input." + Pascal(field), message);
        }

        await LoadTargetsAsync(cancellationToken);
        if (!Request.IsHtmx())
        {
            return Page();
        }

        Response.Headers["HX-Retarget"] = "#" + FormId;
        Response.Headers["HX-Reswap"] = "outerHTML";
        return Partial("_Form", this);
    }

    /// <summary>The editor's answer; when a field could not be read, nothing is saved and every message is shown at once.</summary>
    protected async Task<EditResult<PromotionView>> SubmitAsync(long? id, Func<PromotionInput, Task<EditResult<PromotionView>>> save,
        CancellationToken cancellationToken)
    {
        var unreadable = new Dictionary<string, string>();
        var input = Input.ToInput(unreadable);
        if (unreadable.Count == 0)
        {
            return await save(input);
        }

        foreach (var (field, message) in await editor.ValidateAsync(input, Act, id, cancellationToken))
        {
            unreadable.TryAdd(field, message);
        }

        return EditResult<PromotionView>.Refused(unreadable);
    }

    private static string Pascal(string field) => string.Concat(field.Split('_').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]));
}
