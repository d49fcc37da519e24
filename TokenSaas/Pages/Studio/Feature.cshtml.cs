using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TokenSaas.Features;
using TokenSaas.Identity;
using TokenSaas.Infrastructure;
using TokenSaas.Ledger;
using TokenSaas.Studio;

namespace TokenSaas.Pages.Studio;

public sealed class FeatureModel(FeatureCatalog features, LedgerService ledger, StudioService studio, UserManager<AppUser> users) : PageModel
{
    public Feature Feature { get; private set; } = null!;

    [BindProperty]
    public string? Input { get; set; }

    /// <summary>This run's idempotency key, made when the gate is shown: a double click is one run.</summary>
    [BindProperty]
    public string? RunKey { get; set; }

    public TokenBalance? Balance { get; private set; }

    public StudioRun? Run { get; private set; }

    public LedgerFailure? Failure { get; private set; }

    /// <summary>Which step to show: the form, the gate (confirm), or the outcome.</summary>
    public string Step { get; private set; } = "form";

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(key, cancellationToken))
        {
            return NotFound();
        }

        RunKey = Guid.NewGuid().ToString("N");
        return Page();
    }

    /// <summary>The gate: what the run costs, what is left after, or why it cannot run.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(string key, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(key, cancellationToken))
        {
            return NotFound();
        }

        if (StudioService.Validate(Input) is { } invalid)
        {
            ModelState.AddModelError(nameof(Input), invalid);
            return Request.IsHtmx() ? Retarget("#studio-form", "_Form") : Page();
        }

        Balance = await ledger.GetBalanceAsync(users.GetUserId(User)!, cancellationToken);
        RunKey = Guid.NewGuid().ToString("N");
        Step = "gate";
        return Request.IsHtmx() ? Partial("_Gate", this) : Page();
    }

    public async Task<IActionResult> OnPostRunAsync(string key, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(key, cancellationToken))
        {
            return NotFound();
        }

        var result = await studio.RunAsync(users.GetUserId(User)!, key, Input, RunKey, cancellationToken);
        (Run, Failure, Step) = (result.Value, result.Failure, "outcome");
        if (Failure is { Code: LedgerError.Invalid })
        {
            ModelState.AddModelError(nameof(Input), Failure.Message);
            return Request.IsHtmx() ? Retarget("#studio-form", "_Form") : Page();
        }

        if (Failure is { Code: LedgerError.InsufficientTokens })
        {
            Balance = await ledger.GetBalanceAsync(users.GetUserId(User)!, cancellationToken);
            Step = "gate";
            return Request.IsHtmx() ? Partial("_Gate", this) : Page();
        }

        Response.Headers["HX-Trigger"] = Htmx.TokensChanged;
        return Request.IsHtmx() ? Partial("_Outcome", this) : Page();
    }

    private async Task<bool> LoadAsync(string key, CancellationToken cancellationToken)
    {
        Feature = (await features.FindAsync(key, cancellationToken))!;
        return Feature is not null && studio.Runs(key);
    }

    private PartialViewResult Retarget(string target, string partial)
    {
        Response.Headers["HX-Retarget"] = target;
        Response.Headers["HX-Reswap"] = "outerHTML";
        return Partial(partial, this);
    }
}
