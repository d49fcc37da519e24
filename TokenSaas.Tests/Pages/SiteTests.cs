using System.Net;
using System.Text.Json;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Pages;

public sealed class SiteTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Health_check_reports_the_database_healthy()
    {
        var response = await app.CreateBrowser().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("database").GetString());
    }

    [Theory]
    [InlineData("/", "Tokens are your product's currency.")]
    [InlineData("/pricing", "Pricing")]
    [InlineData("/account/register", "Create your account")]
    [InlineData("/account/login", "Log in")]
    public async Task Public_pages_open_without_signing_in(string url, string heading)
    {
        (await app.CreateBrowser().GetHtmlAsync(url)).AssertPage(heading);
    }

    [Fact]
    public async Task An_unknown_address_shows_a_friendly_not_found_page()
    {
        var response = await app.CreateBrowser().GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        (await response.ReadHtmlAsync()).AssertPage("Page not found");
    }

    [Fact]
    public async Task The_navbar_balance_partial_is_served_alone_for_htmx()
    {
        var client = await app.SignedUpAsync(Users.NewEmail());

        var response = await client.GetAsync("/tokens/badge");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<html", html);
        var badge = (await response.ReadHtmlAsync()).QuerySelector("#balance-badge")!;
        Assert.Equal("10", badge.QuerySelector("[data-testid=balance]")!.TextContent.Trim());
        Assert.Equal("tokens-changed from:body", badge.GetAttribute("hx-trigger"));
    }

    [Fact]
    public async Task Every_stylesheet_script_and_image_the_layout_references_is_served()
    {
        var client = app.CreateBrowser();
        var page = await client.GetHtmlAsync("/");
        var urls = page.QuerySelectorAll("link[rel=stylesheet], script[src], img[src], link[rel=icon]")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!)
            .ToList();

        Assert.Contains(urls, u => u.Contains("htmx"));
        foreach (var url in urls)
        {
            // As a browser asks: compressed variants must be served, not just the plain files.
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br");
            var response = await client.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, $"{url} answered {(int)response.StatusCode}");
            Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 0, $"{url} came back empty");
        }
    }

    [Fact]
    public async Task The_front_end_libraries_come_from_npm_at_build()
    {
        var client = app.CreateBrowser();

        Assert.Contains("htmx", await client.GetStringAsync("/lib/htmx/htmx.min.js"));
        Assert.Contains("Chart", await client.GetStringAsync("/lib/chart.js/chart.umd.min.js"));
    }
}
