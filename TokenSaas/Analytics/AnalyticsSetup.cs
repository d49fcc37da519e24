namespace TokenSaas.Analytics;

/// <summary>The admin figures, charts and their rollup (SPEC 10.6).</summary>
public static class AnalyticsSetup
{
    public static void AddAnalyticsFigures(IServiceCollection services)
    {
        services.AddScoped<UsageCounts>();
        services.AddScoped<UsageRollups>();
        services.AddScoped<RevenueQueries>();
        services.AddScoped<AnalyticsReport>();
        services.AddScoped<LiveActivity>();
        services.AddScoped<AnalyticsCsv>();
    }
}
