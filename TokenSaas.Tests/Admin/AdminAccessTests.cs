using System.Net;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Admin;

public abstract class AdminAccessTests(TestApp app)
{
    [Fact]
    public async Task The_first_admin_from_configuration_can_sign_in_and_open_the_admin_pages()
    {
        var client = app.CreateBrowser();

        var login = await client.LogInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var page = await client.GetHtmlAsync("/admin");

        Assert.Equal("/dashboard", login.Location());
        page.AssertPage("Admin overview");
        Assert.NotNull((await client.GetHtmlAsync("/dashboard")).QuerySelector("nav a[href='/admin']"));
    }

    [Fact]
    public async Task An_ordinary_user_is_refused_the_admin_pages_and_sees_no_admin_link()
    {
        var client = await app.SignedUpAsync(Users.NewEmail());

        var response = await client.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Location());
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(response.Location())).StatusCode);
        Assert.Null((await client.GetHtmlAsync("/dashboard")).QuerySelector("nav a[href='/admin']"));
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_log_in()
    {
        var response = await app.CreateBrowser().GetAsync("/admin");

        Assert.Equal("/account/login?ReturnUrl=%2Fadmin", response.Location());
    }
}

public sealed class AdminAccessTests_Sqlite(SqliteApp app) : AdminAccessTests(app), IClassFixture<SqliteApp>;

public sealed class AdminAccessTests_Postgres(PostgresApp app) : AdminAccessTests(app), IClassFixture<PostgresApp>;
