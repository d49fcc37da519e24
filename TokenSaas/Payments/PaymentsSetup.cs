using TokenSaas.Payments.Sandbox;

namespace TokenSaas.Payments;

public static class PaymentsSetup
{
    public static IServiceCollection AddPayments(this IServiceCollection services)
    {
        services.AddOptions<PaymentsOptions>().BindConfiguration(PaymentsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SandboxGateway>();
        services.AddScoped<IPaymentGateway>(s => s.GetRequiredService<SandboxGateway>());
        services.AddScoped<PackCatalog>();
        services.AddScoped<PackSeeder>();
        services.AddScoped<CheckoutService>();
        services.AddScoped<Fulfillment>();
        services.AddScoped<GatewayEvents>();
        services.AddScoped<Reconciliation>();
        services.AddScoped<AbandonedCheckouts>();
        services.AddScoped<Refunds>();
        services.AddScoped<PaymentHistory>();
        services.AddHttpClient<Stripe.StripeClient>(c => c.Timeout = TimeSpan.FromSeconds(20));
        services.AddScoped<Stripe.StripeGateway>();
        services.AddScoped<IPaymentGateway>(s => s.GetRequiredService<Stripe.StripeGateway>());
        services.AddScoped<Stripe.StripeWebhooks>();
        services.AddHttpClient<Razorpay.RazorpayClient>(c => c.Timeout = TimeSpan.FromSeconds(20));
        services.AddScoped<Razorpay.RazorpayGateway>();
        services.AddScoped<IPaymentGateway>(s => s.GetRequiredService<Razorpay.RazorpayGateway>());
        services.AddScoped<PayU.PayUGateway>();
        services.AddScoped<IPaymentGateway>(s => s.GetRequiredService<PayU.PayUGateway>());
        return services;
    }
}
