using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using TokenSaas.Infrastructure.Auth;

namespace TokenSaas.Api;

public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Log-in, sign-up and token requests per client address per minute.</summary>
    [Range(1, 1_000_000)]
    public int AuthPerMinute { get; set; } = 20;

    /// <summary>Checkouts, orders and payment verifications per user per minute.</summary>
    [Range(1, 1_000_000)]
    public int PaymentsPerMinute { get; set; } = 10;

    /// <summary>Spends and holds per user per second (a token bucket twice as deep); 0 turns the limit off.</summary>
    [Range(0, 1_000_000)]
    public int SpendPerSecond { get; set; } = 50;
}

public static class ApiSetup
{
    public const string AuthRateLimit = "auth";
    public const string SpendRateLimit = "spend";
    public const string PaymentsRateLimit = "payments";

    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddScoped<CookieAntiforgeryFilter>();
        services.AddOpenApi();
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(AuthRateLimit, context => ByAddress(context, Limits(context).AuthPerMinute));
            o.AddPolicy(SpendRateLimit, context => Limits(context).SpendPerSecond is var perSecond and > 0
                ? RateLimitPartition.GetTokenBucketLimiter(context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous",
                    _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = perSecond * 2,
                        TokensPerPeriod = perSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                    })
                : RateLimitPartition.GetNoLimiter("unlimited"));
            o.AddPolicy(PaymentsRateLimit, ByUser);
            // Sign-up, log-in, the buy page and code redemption are posted as forms, not API calls; they share the budgets above.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                !HttpMethods.IsPost(context.Request.Method) ? RateLimitPartition.GetNoLimiter(string.Empty)
                : context.Request.Path.Value is "/account/login" or "/account/register" ? ByAddress(context, Limits(context).AuthPerMinute)
                : context.Request.Path.Value is "/tokens/buy" or "/tokens/redeem" ? ByUser(context)
                : RateLimitPartition.GetNoLimiter(string.Empty));
            o.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return new ValueTask(context.HttpContext.Request.IsApi()
                    ? ApiErrors.WriteStatusAsync(context.HttpContext)
                    : context.HttpContext.Response.WriteAsync("Too many attempts. Please wait a minute and try again."));
            };
        });
        return services;
    }

    public static WebApplication MapApi(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapAuthEndpoints();
        var v1 = app.MapGroup("/api/v1").WithTags("v1")
            .RequireAuthorization(ApiAuthSetup.UserPolicy)
            .AddEndpointFilter<CookieAntiforgeryFilter>();
        v1.MapAccountEndpoints();
        v1.MapLedgerEndpoints();
        v1.MapPaymentEndpoints();
        v1.MapRedeemEndpoints();
        var admin = app.MapGroup("/api/admin").WithTags("admin")
            .RequireAuthorization(ApiAuthSetup.AdminPolicy)
            .AddEndpointFilter<CookieAntiforgeryFilter>();
        admin.MapAdminLedgerEndpoints();
        admin.MapAdminPaymentEndpoints();
        admin.MapAdminTokenEndpoints();
        admin.MapAdminAuditEndpoints();
        admin.MapAdminBulkEndpoints();
        admin.MapAdminPricingEndpoints();
        admin.MapAdminPackEndpoints();
        admin.MapAdminFeatureEndpoints();
        admin.MapAdminPromotionReportEndpoints();
        admin.MapAdminPromotionEndpoints();
        admin.MapAdminPromotionCodeEndpoints();
        admin.MapAdminContentComparisonEndpoints();
        admin.MapAdminContentEndpoints();
        admin.MapAdminExportEndpoints();
        admin.MapAdminAnalyticsEndpoints();
        admin.MapAdminAlertEndpoints();
        app.MapSeedEndpoints();
        Payments.Stripe.StripeEndpoints.MapStripeEndpoints(app);
        Payments.Razorpay.RazorpayEndpoints.MapRazorpayEndpoints(app);
        Payments.PayU.PayUEndpoints.MapPayUEndpoints(app);
        return app;
    }

    private static RateLimitOptions Limits(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;

    private static RateLimitPartition<string> ByUser(HttpContext context) =>
        RateLimitPartition.GetFixedWindowLimiter("payments:" + (context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous"),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = Limits(context).PaymentsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });

    private static RateLimitPartition<string> ByAddress(HttpContext context, int perMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "local",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
}
