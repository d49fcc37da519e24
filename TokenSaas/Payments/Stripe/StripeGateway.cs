using Microsoft.Extensions.Options;

namespace TokenSaas.Payments.Stripe;

/// <summary>Stripe Checkout (mode=payment) for USD packs and plans; settled by the return page, webhooks and reconciliation.</summary>
public sealed class StripeGateway(StripeClient client, IOptions<PaymentsOptions> options) : IPaymentGateway
{
    public string Key => "stripe";

    public string DisplayName => "Card (Stripe)";

    public bool Enabled => !string.IsNullOrWhiteSpace(options.Value.Stripe.SecretKey);

    public IReadOnlySet<string> Currencies { get; } = new HashSet<string> { "USD" };

    public async Task<CheckoutOpening> OpenAsync(Payment payment, string returnBaseUrl, CancellationToken cancellationToken)
    {
        var session = await client.CreateSessionAsync(payment, $"TokenSaas: {payment.ItemKey}",
            $"{returnBaseUrl}/checkout/stripe/return?session_id={{CHECKOUT_SESSION_ID}}",
            $"{returnBaseUrl}/checkout/stripe/cancel?payment={payment.Id}", cancellationToken);
        return new CheckoutOpening(session.Id, session.Url);
    }
}
