using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using TokenSaas.Api;
using TokenSaas.Payments;

namespace TokenSaas.Infrastructure;

/// <summary>
/// Browser security headers on every answer: pages, static files, API JSON and error pages.
/// Pages run only scripts and styles served from this site (no inline script, no style
/// attributes), plus Razorpay's checkout, which opens in the page.
/// </summary>
public static class SecurityHeaders
{
    // Razorpay's checkout.js loads from checkout.razorpay.com, opens its frame from api.razorpay.com
    // and reports to lumberjack.
    private const string RazorpayScript = "https://checkout.razorpay.com";
    private const string RazorpayFrames = "https://api.razorpay.com https://checkout.razorpay.com";
    private const string RazorpayConnect = "https://api.razorpay.com https://lumberjack.razorpay.com";

    // A form post without JavaScript is answered with a redirect to Stripe's hosted checkout.
    private const string StripeCheckout = "https://checkout.stripe.com";

    /// <summary>JSON is never a document to render: nothing may load from or frame it.</summary>
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    public const string PermissionsPolicy =
        "camera=(), microphone=(), geolocation=(), usb=(), payment=(self \"https://checkout.razorpay.com\" \"https://api.razorpay.com\")";

    /// <summary>The policy for pages and files; PayU's host (configurable) receives its checkout form.</summary>
    public static string PagePolicy(PaymentsOptions payments) => string.Join("; ",
        "default-src 'self'",
        $"script-src 'self' {RazorpayScript}",
        "style-src 'self'",
        // Pricing content may show images from any https host (the sanitizer allows only https), as may Razorpay.
        "img-src 'self' data: https:",
        $"connect-src 'self' {RazorpayConnect}",
        $"frame-src 'self' {RazorpayFrames}",
        $"form-action 'self' {StripeCheckout} {Origin(payments.PayU.BaseUrl)}".TrimEnd(),
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'none'");

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        if (app.Environment.IsProduction())
        {
            app.UseHsts();
        }

        var pagePolicy = PagePolicy(app.Services.GetRequiredService<IOptions<PaymentsOptions>>().Value);
        app.Use((context, next) =>
        {
            // Set when the answer starts: the exception handler clears headers set before it.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                // An answer with a policy of its own (a studio site shown in a frame) keeps it.
                headers.TryAdd(HeaderNames.ContentSecurityPolicy, context.Request.IsApi() ? ApiPolicy : pagePolicy);
                headers.TryAdd(HeaderNames.XFrameOptions, "DENY");
                headers[HeaderNames.XContentTypeOptions] = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = PermissionsPolicy;
                return Task.CompletedTask;
            });
            return next();
        });
        return app;
    }

    private static string Origin(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : "";
}
