namespace TokenSaas.Analytics.Exports;

public static class ExportsSetup
{
    public static void AddExports(IServiceCollection services)
    {
        services.AddScoped<ExportRows>();
        services.AddScoped<CsvExports>();
    }
}
