using System.Net;
using System.Text;
using TokenSaas.Identity;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Admin.Bulk;

public abstract class BulkAccessTests(TestApp app)
{
    public static TheoryData<string, string> Endpoints => new()
    {
        { "POST", "/api/admin/tokens/bulk?dry_run=true" },
        { "POST", "/api/admin/tokens/bulk?dry_run=false" },
        { "GET", "/api/admin/tokens/bulk/1" },
        { "POST", "/api/admin/tokens/bulk/1/start" },
        { "POST", "/api/admin/tokens/bulk/1/reverse" },
        { "GET", "/api/admin/tokens/bulk/1/results.csv" },
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

    [Fact]
    public async Task Admins_with_a_JWT_may_check_a_file()
    {
        var admin = await app.NewApiUserAsync(Roles.Admin);

        var response = await admin.Client.PostCsvAsync($"email,amount\n{admin.Email},5\n");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_bulk_endpoints_and_their_CSV_body()
    {
        using var json = await app.CreateBrowser().GetJsonAsync("/openapi/v1.json");

        var paths = json.RootElement.GetProperty("paths");
        foreach (var path in new[] { "/api/admin/tokens/bulk", "/api/admin/tokens/bulk/{batchId}", "/api/admin/tokens/bulk/{batchId}/start",
                     "/api/admin/tokens/bulk/{batchId}/reverse", "/api/admin/tokens/bulk/{batchId}/results.csv" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
        }

        Assert.True(paths.GetProperty("/api/admin/tokens/bulk").GetProperty("post").GetProperty("requestBody").GetProperty("content")
            .TryGetProperty("text/csv", out _));
    }

    [Theory]
    [InlineData("/admin/users/bulk")]
    [InlineData("/admin/users/bulk/1")]
    public async Task The_pages_send_anonymous_visitors_to_log_in_and_refuse_users(string url)
    {
        var anonymous = await app.CreateBrowser().GetAsync(url);
        var user = await (await app.SignedUpAsync(Users.NewEmail())).GetAsync(url);

        Assert.Equal($"/account/login?ReturnUrl={Uri.EscapeDataString(url)}", anonymous.Location());
        Assert.StartsWith("/account/access-denied", user.Location());
    }

    private static HttpRequestMessage Request(string method, string url) => new(new HttpMethod(method), url)
    {
        Content = (method, url.EndsWith("/reverse", StringComparison.Ordinal)) switch
        {
            ("GET", _) => null,
            (_, true) => new StringContent("{\"reason\":\"test\"}", Encoding.UTF8, "application/json"),
            _ => new StringContent("email,amount\na@example.com,1\n", Encoding.UTF8, "text/csv"),
        },
    };
}

public sealed class BulkAccessTests_Sqlite(SqliteApp app) : BulkAccessTests(app), IClassFixture<SqliteApp>;

public sealed class BulkAccessTests_Postgres(PostgresApp app) : BulkAccessTests(app), IClassFixture<PostgresApp>;
