using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TokenSaas.Admin;
using TokenSaas.Infrastructure;

namespace TokenSaas.Pages.Admin;

/// <summary>
/// A catalogue form page (new or edit pack or feature): review shows the messages next to the
/// fields (htmx: the form again, retargeted) or the confirm step (#modal); save redirects to the
/// saved item with a status message (htmx: HX-Redirect) or shows the confirm step again with why not.
/// </summary>
public abstract class CatalogueFormPage<TForm> : PageModel where TForm : class, ICatalogueForm, new()
{
    private bool saving;

    [BindProperty]
    public TForm Input { get; set; } = new();

    public CatalogueStep? Step { get; private set; }

    /// <summary>The key of the item edited; null on the New page.</summary>
    public abstract string? EditedKey { get; }

    /// <summary>/admin/packs or /admin/features.</summary>
    protected abstract string Area { get; }

    /// <summary>The form's element id, for htmx to put a refused form back in place.</summary>
    public abstract string FormId { get; }

    public string SelfUrl => EditedKey is null ? $"{Area}/new" : $"{Area}/{Uri.EscapeDataString(EditedKey)}";

    public CatalogueConfirm? Confirm => Step is { } step && (step.Changes.Count > 0 || saving)
        ? new CatalogueConfirm(step, Input, SelfUrl + "?handler=Save", SelfUrl, Creating: EditedKey is null)
        : null;

    protected IActionResult Reviewed(CatalogueStep step)
    {
        Step = step;
        Input.IdempotencyKey = step.IdempotencyKey;
        if (step.Refused)
        {
            foreach (var (field, message) in step.Errors)
            {
                ModelState.AddModelError(field is "" or "IdempotencyKey" ? string.Empty : $"{nameof(Input)}.{field}", message);
            }

            if (Request.IsHtmx() && Request.Headers["HX-Trigger"] != FormId)
            {
                // A one-purpose form (hide, show) has no field to put the message next to: say it in the modal.
                saving = true;
                return Partial("_CatalogueConfirm", Confirm);
            }

            if (Request.IsHtmx())
            {
                Response.Headers["HX-Retarget"] = "#" + FormId;
                Response.Headers["HX-Reswap"] = "outerHTML";
                return Partial("_Form", this);
            }

            return Page();
        }

        return Request.IsHtmx() ? Partial("_CatalogueConfirm", Confirm) : Page();
    }

    protected IActionResult Saved(CatalogueStep step, string? savedKey)
    {
        (Step, saving) = (step, true);
        if (savedKey is null)
        {
            return Request.IsHtmx() ? Partial("_CatalogueConfirm", Confirm) : Page();
        }

        TempData["StatusMessage"] = step.Done;
        return this.Navigate($"{Area}/{Uri.EscapeDataString(savedKey)}");
    }
}
