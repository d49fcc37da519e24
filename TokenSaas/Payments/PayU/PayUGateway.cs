using System.Globalization;
using Microsoft.Extensions.Options;

namespace TokenSaas.Payments.PayU;

/// <summary>
/// PayU's hosted checkout: a page of ours posts a signed form to PayU; PayU posts the result back
/// to /checkout/payu/return, where the reverse hash is checked before anything is believed.
/// </summary>
public sealed class PayUGateway(IOptions<PaymentsOptions> options) : IPaymentGateway
{
    public string Key => "payu";

    public string DisplayName => "PayU";

    public bool Enabled => options.Value.PayU is { Key.Length: > 0, Salt.Length: > 0 };

    public IReadOnlySet<string> Currencies { get; } = new HashSet<string> { "INR" };

    public Task<CheckoutOpening> OpenAsync(Payment payment, string returnBaseUrl, CancellationToken cancellationToken) =>
        Task.FromResult(new CheckoutOpening(TxnId(payment), $"/checkout/payu/{payment.Id}"));

    /// <summary>PayU's txnid: at most 25 characters, unique.</summary>
    public static string TxnId(Payment payment) => payment.Id[4..29];

    public PayUFields Fields(Payment payment, string email) => new(options.Value.PayU.Key!, TxnId(payment),
        Money.Major(payment.Amount, payment.Currency).ToString("0.00", CultureInfo.InvariantCulture),
        $"TokenSaas {payment.ItemKey}", "TokenSaas customer", email, Udf1: payment.Id);
}
