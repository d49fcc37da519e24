using TokenSaas.Payments.Sandbox;

namespace TokenSaas.Payments;

public static class PaymentsSetup
{
    public static IServiceCollection AddPayments(this IServiceCollection services)
    {
        services.AddOptions<PaymentsOptions>().BindConfiguration(PaymentsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SandboxGateway>();
        services.AddSingleton<IPaymentGateway>(s => s.GetRequiredService<SandboxGateway>());
        services.AddScoped<PackCatalog>();
        services.AddScoped<PackSeeder>();
        services.AddScoped<CheckoutService>();
        services.AddScoped<Fulfillment>();
        return services;
    }
}
