using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TokenSaas.Admin;
using TokenSaas.Audit;
using TokenSaas.Infrastructure;
using TokenSaas.Ledger;
using TokenSaas.Pages.History;

namespace TokenSaas.Pages.Admin.Users;

public sealed class DetailModel(UserProfiles profiles, LedgerService ledger, UserConsole console) : PageModel
{
    /// <summary>The sections that re-fetch themselves after an action (hx-trigger="user-changed from:body").</summary>
    private static readonly string[] Sections = ["Account", "Audit"];

    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public HistoryQuery Query { get; set; } = new();

    [BindProperty]
    public UserActionInput Input { get; set; } = new();

    public UserProfile Profile { get; private set; } = null!;

    public LedgerPage Entries { get; private set; } = new([], null);

    public ActionStep? Step { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Response.Headers.Vary = "HX-Request";
        return !Request.IsHtmx() ? Page()
            : Query.After is not null ? Partial("_LedgerRows", this)
            : Partial("_Ledger", this);
    }

    public async Task<IActionResult> OnGetSectionAsync(string name, CancellationToken cancellationToken) =>
        !Sections.Contains(name) ? NotFound()
        : await LoadAsync(cancellationToken) ? Partial("_" + name, this) : NotFound();

    public async Task<IActionResult> OnPostReviewAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Step = console.Review(Input);
        Input.Key = Step.Key;
        return Request.IsHtmx() ? Partial("_Confirm", this) : Page();
    }

    public async Task<IActionResult> OnPostRunAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Step = await console.RunAsync(Id, Input, AdminActor.From(HttpContext), cancellationToken);
        if (!Step.Confirmed)
        {
            return Request.IsHtmx() ? Partial("_Confirm", this) : Page();
        }

        if (!Request.IsHtmx())
        {
            TempData["StatusMessage"] = Step.Done;
            return LocalRedirect($"/admin/users/{Uri.EscapeDataString(Id)}");
        }

        Response.Headers["HX-Trigger"] = $"user-changed, {Htmx.TokensChanged}";
        return Partial("_Done", this);
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (await profiles.GetAsync(Id, cancellationToken) is not { } profile)
        {
            return false;
        }

        Profile = profile;
        Query.Path = $"/admin/users/{Uri.EscapeDataString(Id)}";
        var (filter, errors) = Query.ToFilter();
        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError($"{nameof(Query)}.{field}", message);
        }

        if (filter is not null)
        {
            Entries = await ledger.GetEntriesAsync(Id, filter, cancellationToken);
        }

        return true;
    }
}
