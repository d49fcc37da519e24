namespace TokenSaas.Admin.Bulk;

public static class BulkSetup
{
    public static IServiceCollection AddBulk(IServiceCollection services)
    {
        services.AddOptions<BulkOptions>().BindConfiguration(BulkOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<BulkSignal>();
        services.AddScoped<BulkChecker>();
        services.AddScoped<BulkService>();
        services.AddScoped<BulkQueries>();
        services.AddScoped<BulkRunner>();
        services.AddHostedService<BulkWorker>();
        return services;
    }
}
