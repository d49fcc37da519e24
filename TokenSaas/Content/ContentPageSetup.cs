namespace TokenSaas.Content;

public static class ContentPageSetup
{
    /// <summary>The public pricing page's content and its managers (FAQ, testimonials, comparison rows).</summary>
    public static IServiceCollection AddContentPage(this IServiceCollection services)
    {
        services.AddScoped<ContentPage>();
        services.AddScoped<ComparisonTableBuilder>();
        services.AddScoped<ContentPageEdits>();
        services.AddScoped<FaqEditor>();
        services.AddScoped<TestimonialEditor>();
        services.AddScoped<ComparisonEditor>();
        return services;
    }
}
