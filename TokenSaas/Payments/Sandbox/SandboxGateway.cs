using Microsoft.Extensions.Options;

namespace TokenSaas.Payments.Sandbox;

/// <summary>
/// A local checkout page with "Pay" and "Fail": the default when no gateway keys are set, so
/// the product can be tried end to end. It settles through the same <see cref="Fulfillment"/>
/// as real gateways. Off in Production unless Payments:Sandbox:Enabled=true.
/// </summary>
public sealed class SandboxGateway(IOptions<PaymentsOptions> options, IHostEnvironment environment) : IPaymentGateway
{
    public string Key => "sandbox";

    public string DisplayName => "Sandbox (test payments)";

    public bool Enabled => options.Value.Sandbox.Enabled ?? !environment.IsProduction();

    public IReadOnlySet<string> Currencies { get; } = new HashSet<string> { "INR", "USD" };

    public Task<CheckoutOpening> OpenAsync(Payment payment, string returnBaseUrl, CancellationToken cancellationToken) =>
        Task.FromResult(new CheckoutOpening("sbx_" + payment.Id[4..], $"/checkout/sandbox/{payment.Id}"));
}
