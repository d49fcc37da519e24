namespace TokenSaas.Promotions;

public static class PromotionsSetup
{
    public static IServiceCollection AddPromotions(this IServiceCollection services)
    {
        services.AddScoped<PromotionQuotes>();
        services.AddScoped<Redemptions>();
        services.AddScoped<FreeTokenRedeemer>();
        services.AddScoped<PromotionSeeder>();
        services.AddOptions<PromotionsOptions>().BindConfiguration(PromotionsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<FraudFlags>();
        services.AddScoped<PromotionReports>();
        services.AddScoped<PromotionListing>();
        services.AddScoped<PromotionEditor>();
        services.AddOptions<CodeOptions>().BindConfiguration(CodeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CodeSignal>();
        services.AddScoped<CodeRunner>();
        services.AddScoped<CodeGenerator>();
        services.AddScoped<CodeQueries>();
        services.AddHostedService<CodeWorker>();
        return services;
    }
}
