using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TokenSaas.Admin;
using TokenSaas.Audit;
using TokenSaas.Ledger;

namespace TokenSaas.Pages.Admin.Content;

/// <summary>What every content manager's add / edit form carries besides its own fields.</summary>
public abstract class ContentForm
{
    public long? Id { get; set; }

    public string? Note { get; set; }

    public string IdempotencyKey { get; set; } = NewKey();

    /// <summary>A fresh key per rendered submit button, so a double click changes things once.</summary>
    public static string NewKey() => $"content-{Guid.NewGuid():N}";
}

/// <summary>
/// The FAQ, testimonial and comparison managers: a list with an add / edit form above it; every
/// write goes to one editor call, then back to the list (PRG) or the page again with its errors.
/// </summary>
public abstract class ContentListPage<TForm> : PageModel
    where TForm : ContentForm, new()
{
    [BindProperty]
    public TForm Form { get; set; } = new();

    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public string? Error(string field) => Errors.GetValueOrDefault(field);

    protected abstract string Self { get; }

    /// <summary>Reads the list (and anything else the page shows).</summary>
    protected abstract Task LoadAsync(CancellationToken cancellationToken);

    /// <summary>The form for item <paramref name="id"/> of the loaded list; null when there is none.</summary>
    protected abstract TForm? FormFor(long id);

    public async Task<IActionResult> OnGetAsync(long? edit, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (edit is { } id && FormFor(id) is { } form)
        {
            form.Id = id;
            Form = form;
        }

        return Page();
    }

    protected AdminAct Act(string? note, string? key = null) => new(AdminActor.From(HttpContext), note, key ?? Form.IdempotencyKey);

    protected async Task<IActionResult> DoneAsync(EditResult<long> result, string message, CancellationToken cancellationToken)
    {
        if (result.Succeeded)
        {
            TempData["StatusMessage"] = message;
            return LocalRedirect(Self);
        }

        Errors = result.Errors;
        Form.IdempotencyKey = ContentForm.NewKey();
        await LoadAsync(cancellationToken);
        Response.StatusCode = result.Outcome == EditOutcome.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
        return Page();
    }
}
