using System.Net;
using System.Net.Http.Json;
using TokenSaas.Identity;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Api;

public sealed class AccessTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Each_user_sees_only_their_own_transactions()
    {
        var alice = await app.NewApiUserAsync();
        var bob = await app.NewApiUserAsync();
        await alice.SpendAsync("cover_letter", "alice-1");

        using var bobs = await bob.Client.GetJsonAsync("/api/v1/transactions");

        var items = bobs.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal("grant", Assert.Single(items).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Admin_endpoints_refuse_users_and_accept_admins_and_the_api_key()
    {
        var user = await app.NewApiUserAsync();
        var admin = await app.NewApiUserAsync(Roles.Admin);
        var withKey = app.CreateBrowser();
        withKey.DefaultRequestHeaders.Add("X-Api-Key", TestApp.AdminApiKey);
        var withWrongKey = app.CreateBrowser();
        withWrongKey.DefaultRequestHeaders.Add("X-Api-Key", "guess");

        Assert.Equal(HttpStatusCode.Forbidden, (await user.Client.GetAsync("/api/admin/ledger/verify")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync("/api/admin/ledger/verify")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await withKey.GetAsync("/api/admin/ledger/verify")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await withWrongKey.GetAsync("/api/admin/ledger/verify")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateBrowser().GetAsync("/api/admin/ledger/verify")).StatusCode);
    }

    [Fact]
    public async Task The_site_cookie_works_for_reads_but_writes_need_the_antiforgery_token()
    {
        var client = await app.SignedUpAsync(Users.NewEmail());
        var page = await client.GetHtmlAsync("/dashboard");
        var token = page.QuerySelector("meta[name=csrf-token]")!.GetAttribute("content")!;

        var read = await client.GetAsync("/api/v1/balance");
        var forged = await client.PostAsJsonAsync("/api/v1/spend", new { feature = "template", idempotency_key = "c1" });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/spend")
        {
            Content = JsonContent.Create(new { feature = "template", idempotency_key = "c2" }),
        };
        request.Headers.Add("RequestVerificationToken", token);
        var genuine = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("missing or invalid antiforgery token", await forged.ErrorAsync());
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api()
    {
        using var json = await app.CreateBrowser().GetJsonAsync("/openapi/v1.json");

        var paths = json.RootElement.GetProperty("paths");
        foreach (var path in new[] { "/api/auth/token", "/api/v1/balance", "/api/v1/spend", "/api/v1/holds", "/api/v1/holds/{id}/capture",
                     "/api/v1/holds/{id}/release", "/api/v1/refunds", "/api/v1/transactions", "/api/v1/features", "/api/admin/ledger/verify",
                     "/api/admin/audit", "/api/admin/audit/verify" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
        }
    }

    [Fact]
    public async Task The_catalogue_lists_at_least_twenty_features_with_the_seeds_costs()
    {
        var user = await app.NewApiUserAsync();

        using var json = await user.Client.GetJsonAsync("/api/v1/features");

        var costs = json.RootElement.GetProperty("items").EnumerateArray()
            .ToDictionary(f => f.GetProperty("key").GetString()!, f => f.GetProperty("cost").GetInt64());
        Assert.True(costs.Count >= 20);
        Assert.Equal((1L, 0L, 0L, 0L), (costs["create_website"], costs["chat"], costs["preview"], costs["deploy"]));
        Assert.Equal((8L, 5L, 8L, 6L), (costs["resume_parsing"], costs["job_match_detailed"], costs["interview_prep"], costs["salary_analysis"]));
    }
}
