using System.Net;
using System.Text;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Admin;

/// <summary>
/// Every admin endpoint and page in one list: the API answers 401 to anonymous callers and 403 to
/// users (before any handler runs, so nothing changes); the pages send visitors to log in and
/// refuse users. A new admin endpoint or page goes here.
/// </summary>
public abstract class AdminEndpointAccessTests(TestApp app)
{
    public static TheoryData<string, string> Endpoints => new()
    {
        { "POST", "/api/admin/tokens/bulk?dry_run=true" },
        { "POST", "/api/admin/tokens/bulk?dry_run=false" },
        { "GET", "/api/admin/tokens/bulk/1" },
        { "POST", "/api/admin/tokens/bulk/1/start" },
        { "POST", "/api/admin/tokens/bulk/1/reverse" },
        { "GET", "/api/admin/tokens/bulk/1/results.csv" },
        { "GET", "/api/admin/packs" },
        { "GET", "/api/admin/packs/inr_100" },
        { "POST", "/api/admin/packs" },
        { "PUT", "/api/admin/packs/inr_100" },
        { "GET", "/api/admin/features" },
        { "GET", "/api/admin/features/create_website" },
        { "POST", "/api/admin/features" },
        { "PUT", "/api/admin/features/create_website" },
        { "GET", "/api/admin/features/create_website/history" },
        { "GET", "/api/admin/pricing/plans" },
        { "POST", "/api/admin/pricing/plans" },
        { "PUT", "/api/admin/pricing/plans/standard" },
        { "POST", "/api/admin/pricing/plans/standard/preview" },
        { "GET", "/api/admin/pricing/history/standard" },
        { "GET", "/api/admin/promotions/1/report" },
        { "GET", "/api/admin/promotions/1/report.csv" },
        { "GET", "/api/admin/promotions" },
        { "GET", "/api/admin/promotions/1" },
        { "POST", "/api/admin/promotions" },
        { "PUT", "/api/admin/promotions/1" },
        { "POST", "/api/admin/promotions/1/pause" },
        { "POST", "/api/admin/promotions/1/resume" },
        { "POST", "/api/admin/promotions/1/end" },
        { "POST", "/api/admin/promotions/codes/generate" },
        { "GET", "/api/admin/promotions/codes/batches/1" },
        { "GET", "/api/admin/promotions/1/codes.csv" },
        { "GET", "/api/admin/content/comparison" },
        { "GET", "/api/admin/content/pricing/intro" },
        { "PUT", "/api/admin/content/pricing/intro" },
        { "POST", "/api/admin/content/pricing/intro/publish" },
        { "GET", "/api/admin/content/pricing/intro/versions" },
        { "POST", "/api/admin/content/pricing/intro/restore" },
        { "GET", "/api/admin/exports/ledger.csv" },
        { "GET", "/api/admin/exports/payments.csv?from=2026-01-01&to=2026-01-31" },
        { "GET", "/api/admin/analytics" },
        { "GET", "/api/admin/analytics/revenue.csv" },
        { "GET", "/api/admin/alerts" },
        { "POST", "/api/admin/alerts/1/acknowledge" },
    };

    public static TheoryData<string> Pages => new()
    {
        "/admin/users/bulk", "/admin/users/bulk/1",
        "/admin/packs", "/admin/packs/new", "/admin/packs/inr_100",
        "/admin/features", "/admin/features/new", "/admin/features/create_website",
        "/admin/plans", "/admin/plans/new", "/admin/plans/standard", "/admin/plans/standard/history",
        "/admin/promotions/1/report",
        "/admin/promotions", "/admin/promotions/new", "/admin/promotions/1", "/admin/promotions/1/edit",
        "/admin/promotions/1/codes",
        "/admin/content/faq", "/admin/content/testimonials", "/admin/content/comparison",
        "/admin/content", "/admin/content/intro", "/admin/content/plan/standard",
        "/admin/exports",
        "/admin/analytics", "/admin/analytics?handler=TopSpenders", "/admin?handler=Live",
        "/admin/alerts", "/admin/alerts?handler=Summary",
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Anonymous_callers_get_401(string method, string url)
    {
        var response = await app.CreateClient().SendAsync(Request(method, url));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthorized", await response.ErrorAsync());
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Users_who_are_not_admins_get_403(string method, string url)
    {
        var user = await app.NewApiUserAsync();

        var response = await user.Client.SendAsync(Request(method, url));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("forbidden", await response.ErrorAsync());
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task The_pages_send_anonymous_visitors_to_log_in_and_refuse_users(string url)
    {
        var anonymous = await app.CreateBrowser().GetAsync(url);
        var user = await app.SignedUpAsync(Users.NewEmail());
        var refused = await user.GetAsync(url);
        var post = await user.PostAsync(url + "?handler=Review", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal($"/account/login?ReturnUrl={Uri.EscapeDataString(url)}", anonymous.Location());
        Assert.StartsWith("/account/access-denied", refused.Location());
        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync(refused.Location())).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_every_admin_endpoint()
    {
        using var json = await app.CreateBrowser().GetJsonAsync("/openapi/v1.json");

        var paths = json.RootElement.GetProperty("paths");
        foreach (var path in new[]
                 {
                     "/api/admin/tokens/bulk", "/api/admin/tokens/bulk/{batchId}", "/api/admin/tokens/bulk/{batchId}/start",
                     "/api/admin/tokens/bulk/{batchId}/reverse", "/api/admin/tokens/bulk/{batchId}/results.csv",
                     "/api/admin/packs", "/api/admin/packs/{key}", "/api/admin/features", "/api/admin/features/{key}",
                     "/api/admin/features/{key}/history", "/api/admin/pricing/plans", "/api/admin/pricing/plans/{id}",
                     "/api/admin/pricing/plans/{id}/preview", "/api/admin/pricing/history/{planId}",
                     "/api/admin/promotions/{id}/report", "/api/admin/promotions/{id}/report.csv",
                     "/api/admin/promotions", "/api/admin/promotions/{id}", "/api/admin/promotions/{id}/pause",
                     "/api/admin/promotions/{id}/resume", "/api/admin/promotions/{id}/end",
                     "/api/admin/promotions/codes/generate", "/api/admin/promotions/codes/batches/{batchId}",
                     "/api/admin/promotions/{promotionId}/codes.csv",
                     "/api/admin/content/pricing/{planId}", "/api/admin/content/pricing/{planId}/publish",
                     "/api/admin/content/pricing/{planId}/versions", "/api/admin/content/pricing/{planId}/restore",
                     "/api/admin/alerts", "/api/admin/alerts/{id}/acknowledge",
                 })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
        }
    }

    private static HttpRequestMessage Request(string method, string url) => new(new HttpMethod(method), url)
    {
        Content = (method, url.Contains("/tokens/bulk") && !url.EndsWith("/reverse", StringComparison.Ordinal)) switch
        {
            ("GET", _) => null,
            (_, true) => new StringContent("email,amount\na@example.com,1\n", Encoding.UTF8, "text/csv"),
            _ => new StringContent("""{"tokens":1,"cost":0,"reason":"x","idempotency_key":"forbidden"}""", Encoding.UTF8, "application/json"),
        },
    };
}

public sealed class AdminEndpointAccessTests_Sqlite(SqliteApp app) : AdminEndpointAccessTests(app), IClassFixture<SqliteApp>;

public sealed class AdminEndpointAccessTests_Postgres(PostgresApp app) : AdminEndpointAccessTests(app), IClassFixture<PostgresApp>;
