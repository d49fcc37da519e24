namespace TokenSaas.Studio;

public static class StudioSetup
{
    public static IServiceCollection AddStudio(this IServiceCollection services)
    {
        services.AddSingleton<IStudioAction, WebsiteBuilder>();
        services.AddSingleton<IStudioAction, TextActions>();
        services.AddScoped<StudioService>();
        return services;
    }
}
