namespace TokenSaas.Content;

public static class ContentEditorSetup
{
    public static IServiceCollection AddContentEditor(this IServiceCollection services)
    {
        services.AddScoped<ContentHistory>();
        services.AddScoped<ContentEditor>();
        services.AddScoped<ContentPublisher>();
        return services;
    }
}
