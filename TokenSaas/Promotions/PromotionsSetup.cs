namespace TokenSaas.Promotions;

public static class PromotionsSetup
{
    public static IServiceCollection AddPromotions(this IServiceCollection services)
    {
        services.AddScoped<PromotionQuotes>();
        services.AddScoped<Redemptions>();
        services.AddScoped<FreeTokenRedeemer>();
        services.AddOptions<CodeOptions>().BindConfiguration(CodeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CodeSignal>();
        services.AddScoped<CodeRunner>();
        services.AddScoped<CodeGenerator>();
        services.AddScoped<CodeQueries>();
        services.AddHostedService<CodeWorker>();
        return services;
    }
}
