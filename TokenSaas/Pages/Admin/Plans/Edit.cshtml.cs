using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TokenSaas.Audit;
using TokenSaas.Infrastructure;
using TokenSaas.Ledger;
using TokenSaas.Payments;
using TokenSaas.Plans;

namespace TokenSaas.Pages.Admin.Plans;

/// <summary>The plan editor (/admin/plans/new creates one): live card preview, a review with the impact, then save.</summary>
public sealed class EditModel(PlanEditor editor, PackCatalog packs, TokenCalendar calendar) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Key { get; set; } = string.Empty;

    [BindProperty]
    public PlanForm Form { get; set; } = new();

    public Plan? Plan { get; private set; }

    public bool IsNew => Key == PlanRules.NewKey;

    public PlanInput Input { get; private set; } = new();

    public PlanImpact? Impact { get; private set; }

    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    /// <summary>The review step, rendered in the page when the browser posted without htmx.</summary>
    public bool Reviewing { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Form = Plan is null ? PlanForm.Blank(packs.KnownCurrencies) : PlanForm.From(Plan, packs.KnownCurrencies);
        Input = Form.ToInput(calendar, out _);
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken) =>
        await ReadAsync(cancellationToken) ? Partial("_Preview", this) : NotFound();

    public async Task<IActionResult> OnPostReviewAsync(CancellationToken cancellationToken)
    {
        if (!await ReadAsync(cancellationToken))
        {
            return NotFound();
        }

        // A price the form could not read (too many decimals) outranks the editor's message about it.
        var errors = await editor.ValidateAsync(Input, Plan, cancellationToken);
        Errors = errors.Where(e => !Errors.ContainsKey(e.Key)).Concat(Errors).ToDictionary();
        Reviewing = true;
        return Request.IsHtmx() ? Partial("_Review", this) : Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        if (!await ReadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var saved = await editor.SaveAsync(Plan?.Key, Input, AdminActor.From(HttpContext), cancellationToken);
        if (!saved.Succeeded)
        {
            Errors = saved.Errors;
            return Page();
        }

        TempData["StatusMessage"] = saved.Message;
        return LocalRedirect($"/admin/plans/{saved.Plan!.Key}");
    }

    private async Task<bool> ReadAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return false;
        }

        Input = Form.ToInput(calendar, out var priceError);
        Errors = priceError is null ? Errors : new Dictionary<string, string> { ["prices"] = priceError };
        Impact = Plan is null || priceError is not null ? null : await editor.PreviewAsync(Plan, Input, cancellationToken);
        return true;
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Plan = IsNew ? null : await editor.FindAsync(Key, cancellationToken);
        return IsNew || Plan is not null;
    }
}
