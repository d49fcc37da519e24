namespace TokenSaas.Payments;

/// <summary>What a gateway answers when a checkout opens: where to send the buyer, or an in-page order.</summary>
public sealed record CheckoutOpening(string GatewayOrderId, string? RedirectUrl, object? Order = null);

/// <summary>One way to take money. Gateways open checkouts; what they report back goes through <see cref="Fulfillment"/>.</summary>
public interface IPaymentGateway
{
    /// <summary>"sandbox", "stripe", "razorpay", "payu".</summary>
    string Key { get; }

    string DisplayName { get; }

    bool Enabled { get; }

    /// <summary>Currencies this gateway charges in.</summary>
    IReadOnlySet<string> Currencies { get; }

    Task<CheckoutOpening> OpenAsync(Payment payment, string returnBaseUrl, CancellationToken cancellationToken);
}
