using Microsoft.Extensions.Options;
using TokenSaas.Features;
using TokenSaas.Ledger.Writing;

namespace TokenSaas.Ledger;

public static class LedgerSetup
{
    public static IServiceCollection AddLedger(this IServiceCollection services)
    {
        services.AddOptions<TokensOptions>().BindConfiguration(TokensOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(s => new TokenCalendar(
            TimeZoneInfo.FindSystemTimeZoneById(s.GetRequiredService<IOptions<TokensOptions>>().Value.TimeZone)));
        services.AddSingleton<AccountDirectory>();
        services.AddSingleton<LedgerWriter>();
        services.AddSingleton<FeatureCatalog>();
        services.AddScoped<FeatureSeeder>();
        services.AddScoped<Plans.PlanSeeder>();
        services.AddScoped<LedgerService>();
        services.AddScoped<LedgerVerifier>();
        services.AddScoped<AccountSummaries>();
        services.AddScoped<SpendingReport>();
        services.AddScoped<Plans.PlanCatalog>();
        services.AddScoped<Plans.PlanEditor>();
        services.AddScoped<Plans.PlanNotices>();
        services.AddOptions<Plans.PlansOptions>().BindConfiguration(Plans.PlansOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LedgerSweeper>();
        return services;
    }
}
