using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TokenSaas.Admin;
using TokenSaas.Api;
using TokenSaas.Features;
using TokenSaas.Infrastructure.Auth;
using TokenSaas.Data;
using TokenSaas.Identity;
using TokenSaas.Ledger;
using TokenSaas.Payments;
using TokenSaas.Scheduling;

namespace TokenSaas.Infrastructure;

public static class AppSetup
{
    public static IServiceCollection AddTokenSaas(this IServiceCollection services, IConfiguration configuration,
        IHostEnvironment environment)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section);
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);

        services.AddSingleton(TimeProvider.System);
        services.AddAppDatabase(configuration, environment);
        services.AddScoped<DatabaseMigrator>();
        services.AddScoped<DatabaseBackup>();
        services.AddLedger();
        services.AddScheduling(configuration);
        services.AddPayments();
        Promotions.PromotionsSetup.AddPromotions(services);
        Studio.StudioSetup.AddStudio(services);
        Content.ContentPageSetup.AddContentPage(services);
        services.AddOptions<Growth.GrowthOptions>().BindConfiguration(Growth.GrowthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Growth.GrowthService>();
        services.AddOptions<Notifications.EmailOptions>().BindConfiguration(Notifications.EmailOptions.Section);
        services.AddScoped<Notifications.NotificationService>();
        services.AddScoped<AdminOverviewQuery>();
        services.AddScoped<Audit.AuditLog>();
        services.AddScoped<UserDirectory>();
        services.AddScoped<UserProfiles>();
        services.AddScoped<UserConsole>();
        services.AddScoped<TokenOverview>();
        services.AddScoped<Audit.AuditQuery>();
        services.AddScoped<Audit.AuditVerifier>();
        Admin.Bulk.BulkSetup.AddBulk(services);
        Analytics.Exports.ExportsSetup.AddExports(services);
        services.AddCatalogue();
        Content.ContentEditorSetup.AddContentEditor(services);
        Analytics.AnalyticsSetup.AddAnalyticsFigures(services);
        Analytics.AlertsSetup.AddAlerts(services);
        services.AddAppIdentity();

        var dataDirectory = DatabaseSetup.DataDirectory(
            configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions(), environment);
        services.AddApiAuthentication(environment, dataDirectory);
        services.AddApi();
        // Cookies and antiforgery tokens survive restarts, and work on every instance, because the keys live in the database.
        services.AddDataProtection().SetApplicationName("TokenSaas").PersistKeysToDatabase();

        services.Configure<RouteOptions>(o => o.LowercaseUrls = true);
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.AddServerHeader = false);
        services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/Dashboard");
            options.Conventions.AuthorizeFolder("/History");
            options.Conventions.AuthorizeFolder("/Checkout");
            options.Conventions.AuthorizeFolder("/Studio");
            options.Conventions.AuthorizeFolder("/Notifications");
            options.Conventions.AuthorizeFolder("/Tokens");
            options.Conventions.AuthorizeFolder("/Account/Manage");
            options.Conventions.AuthorizeFolder("/Admin", IdentitySetup.AdminPolicy);
        });
        // The X-Frame-Options header comes from SecurityHeaders (DENY), not from antiforgery (SAMEORIGIN).
        services.AddAntiforgery(o =>
        {
            o.HeaderName = "RequestVerificationToken";
            o.SuppressXFrameOptionsHeader = true;
        });
        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");
        return services;
    }

    /// <summary>Migrates the database and seeds identities before the first request is served.</summary>
    public static async Task PrepareAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        var dataDirectory = DatabaseSetup.DataDirectory(
            app.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions(), app.Environment);
        await app.Services.PrepareKeyRingAsync(Path.Combine(dataDirectory, "keys"));
        await scope.ServiceProvider.GetRequiredService<FeatureSeeder>().SeedAsync();
        await scope.ServiceProvider.GetRequiredService<Plans.PlanSeeder>().SeedAsync();
        await scope.ServiceProvider.GetRequiredService<Payments.PackSeeder>().SeedAsync();
        await scope.ServiceProvider.GetRequiredService<IdentitySeeder>().SeedAsync();
        await scope.ServiceProvider.GetRequiredService<Promotions.PromotionSeeder>().SeedAsync();
    }

    public static WebApplication UseTokenSaas(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() => LogReady(app));
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
        }

        app.UseApiErrors();
        app.UseWhen(c => c.Request.IsApi(), api => api.UseStatusCodePages(c => ApiErrors.WriteStatusAsync(c.HttpContext)));
        app.UseWhen(c => !c.Request.IsApi(), site => site.UseStatusCodePagesWithReExecute("/error/{0}"));
        app.UseRouting();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        app.MapApi();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteHealthAsync });
        return app;
    }

    private static void LogReady(WebApplication app)
    {
        var urls = string.Join(", ", app.Urls);
        if (app.Services.GetRequiredService<IOptions<DemoOptions>>().Value.Seed)
        {
            app.Logger.LogWarning(
                "TokenSaas is ready at {Urls} — demo logins: admin {AdminEmail}, user {UserEmail}, password {Password} (Demo:Seed is on; never in production)",
                urls, DemoAccounts.AdminEmail, DemoAccounts.UserEmail, DemoAccounts.Password);
        }
        else
        {
            app.Logger.LogInformation("TokenSaas is ready at {Urls}", urls);
        }
    }

    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
        }));
    }
}
