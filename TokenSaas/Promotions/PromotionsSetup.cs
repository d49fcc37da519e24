namespace TokenSaas.Promotions;

public static class PromotionsSetup
{
    public static IServiceCollection AddPromotions(this IServiceCollection services)
    {
        services.AddScoped<PromotionQuotes>();
        services.AddScoped<Redemptions>();
        services.AddScoped<FreeTokenRedeemer>();
        services.AddScoped<PromotionListing>();
        services.AddScoped<PromotionEditor>();
        return services;
    }
}
