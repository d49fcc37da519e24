namespace TokenSaas.Analytics;

public static class AlertsSetup
{
    public static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services.AddOptions<AlertsOptions>().BindConfiguration(AlertsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<AlertRules>();
        services.AddScoped<AlertChecker>();
        services.AddScoped<AlertBoard>();
        services.AddSingleton<SpendWatch>();
        services.AddHostedService<AlertWorker>();
        return services;
    }
}
