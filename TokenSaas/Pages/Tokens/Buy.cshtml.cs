using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TokenSaas.Data;
using TokenSaas.Identity;
using TokenSaas.Infrastructure;
using TokenSaas.Payments;

namespace TokenSaas.Pages.Tokens;

public sealed class BuyModel(PackCatalog catalog, CheckoutService checkout, AbandonedCheckouts abandoned, AppDbContext db,
    UserManager<AppUser> users) : PageModel
{
    public IReadOnlyList<PackOffer> Offers { get; private set; } = [];

    /// <summary>The offer being confirmed: one pack in one currency.</summary>
    public PackOffer? Selected { get; private set; }

    /// <summary>Made when the confirm step is shown, so a double click submits one checkout.</summary>
    public string CheckoutKey { get; private set; } = string.Empty;

    public PromoBox? Promo { get; private set; }

    public string? Error { get; private set; }

    public PaymentOutcome? Result { get; private set; }

    /// <summary>A Razorpay order to open with checkout.js in the page (Razorpay does not redirect).</summary>
    public CheckoutStarted? InPage { get; private set; }

    public IReadOnlyList<IPaymentGateway> Gateways => catalog.EnabledGateways;

    private string UserId => users.GetUserId(User)!;

    public async Task OnGetAsync(string? payment, CancellationToken cancellationToken)
    {
        Offers = await catalog.OffersAsync(cancellationToken);
        Result = payment is null ? null : await FindAsync(payment, cancellationToken);
    }

    /// <summary>The confirm step for one offer: in the modal (htmx) or as a page of its own.</summary>
    public Task<IActionResult> OnGetConfirmAsync(string? pack, string? currency, CancellationToken cancellationToken) =>
        ConfirmAsync(pack, currency, null, null, cancellationToken);

    /// <summary>The confirm step again with the typed code quoted: the Apply button, for browsers without JavaScript.</summary>
    public Task<IActionResult> OnPostApplyAsync(string? pack, string? currency, [ModelBinder(Name = "promo_code")] string? promoCode,
        CancellationToken cancellationToken) =>
        ConfirmAsync(pack, currency, promoCode, null, cancellationToken);

    /// <summary>The live quote under the code field, with the pay button's new amount.</summary>
    public async Task<IActionResult> OnGetQuoteAsync(string? pack, string? currency, [ModelBinder(Name = "promo_code")] string? promoCode,
        CancellationToken cancellationToken)
    {
        var box = await new PromoBox(PaymentKind.Pack, pack ?? string.Empty, currency).QuotedAsync(checkout, UserId, promoCode, cancellationToken);
        return Partial("_PromoQuote", box with { SwapsPayAmount = true });
    }

    public async Task<IActionResult> OnPostCheckoutAsync(string? pack, string? currency, string? gateway, string? key,
        [ModelBinder(Name = "promo_code")] string? promoCode, CancellationToken cancellationToken)
    {
        var started = await checkout.StartAsync(UserId, new CheckoutOrder(PaymentKind.Pack, pack, gateway, key, $"{Request.Scheme}://{Request.Host}")
        {
            Currency = currency, PromoCode = promoCode, Ip = ClientAddress.Of(HttpContext),
        }, cancellationToken);
        if (started.Value is { Opening.Order: not null } inPage)
        {
            InPage = inPage;
            return Request.IsHtmx() ? Partial("_Razorpay", this) : Page();
        }

        if (started.Value is { } opened)
        {
            return this.Navigate(opened.Opening.RedirectUrl ?? $"/tokens/buy?payment={opened.Payment.Id}");
        }

        return await ConfirmAsync(pack, currency, promoCode, started.Failure!.Message, cancellationToken);
    }

    /// <summary>A payment's outcome, polled by the notice while the gateway has not answered yet.</summary>
    public async Task<IActionResult> OnGetStatusAsync(string payment, CancellationToken cancellationToken)
    {
        Result = await FindAsync(payment, cancellationToken);
        if (Result is null)
        {
            return NotFound();
        }

        if (Result.Payment.Status == PaymentStatus.Succeeded)
        {
            Response.Headers["HX-Trigger"] = Htmx.TokensChanged;
        }

        return Partial("_Result", Result);
    }

    /// <summary>Cancels a checkout the user left open; a payment that already went through stays as it is.</summary>
    public async Task<IActionResult> OnPostCancelAsync(string payment, CancellationToken cancellationToken)
    {
        if (await abandoned.CancelAsync(UserId, payment, cancellationToken) is null)
        {
            return NotFound();
        }

        return RedirectToPage(new { payment });
    }

    private async Task<IActionResult> ConfirmAsync(string? pack, string? currency, string? promoCode, string? error,
        CancellationToken cancellationToken)
    {
        Offers = await catalog.OffersAsync(cancellationToken);
        Selected = Offers.FirstOrDefault(o => o.Pack.Key == pack && (string.IsNullOrEmpty(currency) || o.Currency == currency));
        if (Selected is null && error is null)
        {
            return NotFound();
        }

        if (Selected is not null)
        {
            CheckoutKey = Guid.NewGuid().ToString("N");
            Promo = await new PromoBox(PaymentKind.Pack, Selected.Pack.Key, Selected.Currency).QuotedAsync(checkout, UserId, promoCode, cancellationToken);
        }

        // A refused code is already said under the field.
        Error = error == Promo?.Reason ? null : error;
        if (error is not null && !Request.IsHtmx())
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        // htmx does not swap a 4xx answer, so a refusal it asked for comes back as 200 and the modal shows it.
        return Request.IsHtmx() && Selected is not null ? Partial("_Confirm", this) : Page();
    }

    private Task<PaymentOutcome?> FindAsync(string id, CancellationToken cancellationToken) =>
        PaymentOutcome.LoadAsync(db, abandoned, UserId, id, cancellationToken);
}
