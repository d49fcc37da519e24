using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using TokenSaas.Content;
using TokenSaas.Identity;
using TokenSaas.Infrastructure;
using TokenSaas.Ledger;
using TokenSaas.Pages.Tokens;
using TokenSaas.Payments;
using TokenSaas.Plans;

namespace TokenSaas.Pages.Pricing;

public sealed class IndexModel(PlanCatalog plans, LedgerService ledger, PackCatalog catalog, CheckoutService checkout,
    UserManager<AppUser> users, IOptions<TokensOptions> tokens, ContentPage content) : PageModel
{
    /// <summary>Gateways that can take a plan purchase from this page (they redirect; Razorpay's in-page checkout is on the API).</summary>
    public IReadOnlyList<IPaymentGateway> PlanGateways => catalog.EnabledGateways.Where(g => g.Key != "razorpay").ToList();

    public IReadOnlyList<Plan> Plans { get; private set; } = [];

    /// <summary>The published intro, plan blocks, packs, comparison table, FAQ and testimonials.</summary>
    public PricingContent Pricing { get; private set; } = null!;

    /// <summary>The signed-in user's plan; null for visitors.</summary>
    public PlanUsage? Current { get; private set; }

    /// <summary>What renewing the paid plan the user is on costs them (their version, or the one a migration moves them to).</summary>
    public PlanOffer? Renewal { get; private set; }

    /// <summary>What a new account opens with: the welcome bonus, today's allowance and the basic plan's quota.</summary>
    public StartingTokens Starting => StartingTokens.From(tokens.Value, Plans);

    public bool IsAdmin => User.IsInRole(Roles.Admin);

    /// <summary>The code last applied to a plan (Apply, or a refused checkout), kept in its field with its quote.</summary>
    public PromoBox? Promo { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Plans = await plans.ActiveAsync(cancellationToken);
        Pricing = await content.LoadAsync(Plans, cancellationToken);
        if (users.GetUserId(User) is { } userId)
        {
            Current = await ledger.GetUsageAsync(userId, cancellationToken);
            Renewal = Current.PlanEndAt is null ? null : await plans.OfferAsync(userId, Current.Plan, cancellationToken);
        }
    }

    /// <summary>The promo code box under <paramref name="plan"/>'s buy form: the one just applied or refused, else an empty one.</summary>
    public PromoBox PromoFor(string plan) => Promo is { } promo && promo.Key == plan ? promo : new PromoBox(PaymentKind.Plan, plan, null);

    /// <summary>Buys <paramref name="plan"/> through <paramref name="gateway"/> with any code; the plan changes when the payment settles.</summary>
    public async Task<IActionResult> OnPostBuyAsync(string? plan, string? gateway, [ModelBinder(Name = "promo_code")] string? promoCode,
        CancellationToken cancellationToken)
    {
        var started = await checkout.StartAsync(users.GetUserId(User)!, new CheckoutOrder(PaymentKind.Plan, plan, gateway, Guid.NewGuid().ToString("N"),
            $"{Request.Scheme}://{Request.Host}") { PromoCode = promoCode, Ip = ClientAddress.Of(HttpContext) }, cancellationToken);
        if (started.Value is { Opening.RedirectUrl: { } url })
        {
            return Redirect(url);
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await AppliedAsync(plan, promoCode, $"The plan could not be bought: {(started.Failure?.Message ?? "this payment method cannot sell plans here").TrimEnd('.')}.",
            cancellationToken);
    }

    /// <summary>The page again with the typed code quoted under its plan: the Apply button, for browsers without JavaScript.</summary>
    public Task<IActionResult> OnPostApplyAsync(string? plan, [ModelBinder(Name = "promo_code")] string? promoCode, CancellationToken cancellationToken) =>
        AppliedAsync(plan, promoCode, null, cancellationToken);

    /// <summary>The live quote under a plan's code field.</summary>
    public async Task<IActionResult> OnGetQuoteAsync(string? plan, [ModelBinder(Name = "promo_code")] string? promoCode, CancellationToken cancellationToken) =>
        users.GetUserId(User) is { } userId
            ? Partial("/Pages/Tokens/_PromoQuote.cshtml", await PromoFor(plan ?? string.Empty).QuotedAsync(checkout, userId, promoCode, cancellationToken))
            : Challenge();

    /// <summary>Moves the signed-in user to <paramref name="plan"/>: down or to a free plan now; up only with a payment (admins: directly).</summary>
    public async Task<IActionResult> OnPostChangeAsync(string? plan, CancellationToken cancellationToken)
    {
        if (users.GetUserId(User) is not { } userId)
        {
            return Challenge();
        }

        var result = await ledger.ChangePlanAsync(userId, plan, resetUsed: false, byAdmin: IsAdmin, userId, cancellationToken);
        TempData["StatusMessage"] = result.Failure switch
        {
            null => $"You are now on the {result.Value!.Plan} plan: {result.Value.Remaining:N0} of {result.Value.TokenQuota:N0} plan tokens left this month.",
            { Code: LedgerError.PaymentRequired } => "Upgrading needs a payment. Paid checkout is coming soon; your plan has not changed.",
            { Message: var message } => $"Your plan has not changed: {message}.",
        };
        if (Request.IsHtmx())
        {
            Response.Headers["HX-Redirect"] = "/dashboard";
            return new EmptyResult();
        }

        return LocalRedirect(result.Succeeded ? "/dashboard" : "/pricing");
    }

    private async Task<IActionResult> AppliedAsync(string? plan, string? promoCode, string? error, CancellationToken cancellationToken)
    {
        if (users.GetUserId(User) is not { } userId)
        {
            return Challenge();
        }

        await OnGetAsync(cancellationToken);
        Promo = await PromoFor(plan ?? string.Empty).QuotedAsync(checkout, userId, promoCode, cancellationToken);
        // A refused code is already said under its field.
        Error = error is not null && Promo.Reason is { } reason && error.Contains(reason, StringComparison.Ordinal) ? null : error;
        return Page();
    }
}
