using System.Net;
using System.Text;
using TokenSaas.Identity;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Admin.Catalogue;

/// <summary>How admins reach the catalogue's endpoints (cookie with antiforgery, JWT); refusals are in AdminEndpointAccessTests.</summary>
public abstract class CatalogueAccessTests(TestApp app)
{
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
}

public sealed class CatalogueAccessTests_Sqlite(SqliteApp app) : CatalogueAccessTests(app), IClassFixture<SqliteApp>;

public sealed class CatalogueAccessTests_Postgres(PostgresApp app) : CatalogueAccessTests(app), IClassFixture<PostgresApp>;
