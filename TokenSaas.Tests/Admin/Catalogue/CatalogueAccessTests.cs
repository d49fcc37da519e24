using System.Net;
using System.Text;
using TokenSaas.Identity;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Admin.Catalogue;

/// <summary>The catalogue's endpoints and pages are for admins only: 401 / 403 from the API, log-in / access denied on the pages.</summary>
public abstract class CatalogueAccessTests(TestApp app)
{
    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "/api/admin/packs" },
        { "GET", "/api/admin/packs/inr_100" },
        { "POST", "/api/admin/packs" },
        { "PUT", "/api/admin/packs/inr_100" },
        { "GET", "/api/admin/features" },
        { "GET", "/api/admin/features/create_website" },
        { "POST", "/api/admin/features" },
        { "PUT", "/api/admin/features/create_website" },
        { "GET", "/api/admin/features/create_website/history" },
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
    public async Task Users_who_are_not_admins_get_403_and_change_nothing(string method, string url)
    {
        var user = await app.NewApiUserAsync();

        var response = await user.Client.SendAsync(Request(method, url));
        using var pack = await app.AdminApi().GetJsonAsync("/api/admin/packs/inr_100");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("forbidden", await response.ErrorAsync());
        Assert.Equal(100, pack.RootElement.GetProperty("tokens").GetInt64());
    }

    [Fact]
    public async Task An_admin_signed_in_with_the_site_cookie_needs_the_antiforgery_token_to_write()
    {
        var admin = await app.AdminBrowserAsync();
        var token = (await admin.GetHtmlAsync("/admin/packs")).QuerySelector("meta[name=csrf-token]")!.GetAttribute("content")!;
        var key = CatalogueSteps.NewKey("cookie");
        var body = $$"""{"key":"{{key}}","name":"Cookie pack","tokens":5,"prices":[{"currency":"INR","amount":500}],"reason":"test","idempotency_key":"{{key}}"}""";

        var read = await admin.GetAsync("/api/admin/packs");
        var forged = await admin.PostRawAsync("/api/admin/packs", body);
        using var genuine = new HttpRequestMessage(HttpMethod.Post, "/api/admin/packs") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        genuine.Headers.Add("RequestVerificationToken", token);
        var created = await admin.SendAsync(genuine);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("missing or invalid antiforgery token", await forged.ErrorAsync());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Fact]
    public async Task Admins_with_a_JWT_may_use_the_endpoints()
    {
        var admin = await app.NewApiUserAsync(Roles.Admin);

        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync("/api/admin/features/create_website/history")).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_catalogue_endpoints()
    {
        using var json = await app.CreateBrowser().GetJsonAsync("/openapi/v1.json");

        var paths = json.RootElement.GetProperty("paths");
        foreach (var path in new[] { "/api/admin/packs", "/api/admin/packs/{key}", "/api/admin/features", "/api/admin/features/{key}",
                     "/api/admin/features/{key}/history" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
        }
    }

    [Theory]
    [InlineData("/admin/packs")]
    [InlineData("/admin/packs/new")]
    [InlineData("/admin/packs/inr_100")]
    [InlineData("/admin/features")]
    [InlineData("/admin/features/new")]
    [InlineData("/admin/features/create_website")]
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

    private static HttpRequestMessage Request(string method, string url) => new(new HttpMethod(method), url)
    {
        Content = method == "GET" ? null
            : new StringContent("""{"tokens":1,"cost":0,"reason":"x","idempotency_key":"forbidden"}""", Encoding.UTF8, "application/json"),
    };
}

public sealed class CatalogueAccessTests_Sqlite(SqliteApp app) : CatalogueAccessTests(app), IClassFixture<SqliteApp>;

public sealed class CatalogueAccessTests_Postgres(PostgresApp app) : CatalogueAccessTests(app), IClassFixture<PostgresApp>;
