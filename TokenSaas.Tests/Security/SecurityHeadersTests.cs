using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Security;

/// <summary>Browser security headers on pages, API answers and static files; HSTS only in Production.</summary>
public sealed class SecurityHeadersTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/pricing")]
    [InlineData("/account/login")]
    [InlineData("/no-such-page")]
    public async Task Pages_allow_scripts_only_from_the_site_and_razorpay(string path)
    {
        var response = await app.CreateBrowser().GetAsync(path);

        var policy = Directives(Header(response, "Content-Security-Policy"));
        Assert.Equal("'self'", policy["default-src"]);
        Assert.Equal("'self' https://checkout.razorpay.com", policy["script-src"]);
        Assert.Equal("'self'", policy["style-src"]);
        Assert.Equal("'none'", policy["object-src"]);
        Assert.Equal("'self'", policy["base-uri"]);
        Assert.Equal("'none'", policy["frame-ancestors"]);
        Assert.StartsWith("'self' https://checkout.stripe.com", policy["form-action"]);
        AssertCommonHeaders(response);
    }

    [Fact]
    public async Task Pages_carry_no_inline_script_handlers_or_style_attributes()
    {
        var html = await (await app.CreateBrowser().GetAsync("/")).Content.ReadAsStringAsync();

        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain(" onclick=", html);
        Assert.DoesNotContain(" style=", html);
        Assert.Contains("\"allowEval\": false", html);
    }

    [Fact]
    public async Task Api_answers_may_load_nothing_and_are_never_framed()
    {
        var user = await app.NewApiUserAsync();

        var answers = new[]
        {
            await user.Client.GetAsync("/api/v1/balance"),
            await app.CreateBrowser().GetAsync("/api/v1/balance"),
            await app.CreateBrowser().GetAsync("/api/no-such-endpoint"),
        };

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.NotFound], answers.Select(a => a.StatusCode));
        foreach (var response in answers)
        {
            Assert.Equal("default-src 'none'; frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
            AssertCommonHeaders(response);
        }
    }

    [Fact]
    public async Task Static_files_get_the_headers_too()
    {
        var response = await app.CreateBrowser().GetAsync("/js/site.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("default-src 'self'", Header(response, "Content-Security-Policy"));
        AssertCommonHeaders(response);
    }

    [Fact]
    public async Task Kestrel_sends_no_server_header_and_tests_send_no_hsts()
    {
        var response = await app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://tokensaas.example") })
            .GetAsync("/");

        Assert.False(app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.AddServerHeader);
        Assert.False(response.Headers.Contains("Server"));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    private static void AssertCommonHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        var permissions = Header(response, "Permissions-Policy");
        Assert.Contains("camera=()", permissions);
        Assert.Contains("microphone=()", permissions);
        Assert.Contains("geolocation=()", permissions);
    }

    internal static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{name} is missing on {response.RequestMessage?.RequestUri}");

    private static Dictionary<string, string> Directives(string policy) =>
        policy.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', 2))
            .ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : "");
}

/// <summary>HSTS is sent in Production, on HTTPS.</summary>
public sealed class HstsTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    [Fact]
    public async Task Production_sends_strict_transport_security_over_https()
    {
        var response = await app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://tokensaas.example") })
            .GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("max-age=", SecurityHeadersTests.Header(response, "Strict-Transport-Security"));
        Assert.Contains("default-src 'self'", SecurityHeadersTests.Header(response, "Content-Security-Policy"));
    }
}

public sealed class ProductionApp() : TestApp(new SqliteTestDatabase())
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
    }
}
