using TokenSaas.Analytics;
using TokenSaas.Features;
using TokenSaas.Payments;

namespace TokenSaas.Admin;

/// <summary>The admin catalogue: packs and features (editors, their forms' two steps, the feature list with margins).</summary>
public static class CatalogueSetup
{
    public static IServiceCollection AddCatalogue(this IServiceCollection services)
    {
        services.AddOptions<AnalyticsOptions>().BindConfiguration(AnalyticsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<PackEditor>();
        services.AddScoped<PackConsole>();
        services.AddScoped<FeatureEditor>();
        services.AddScoped<FeatureConsole>();
        services.AddScoped<FeatureListing>();
        return services;
    }
}
