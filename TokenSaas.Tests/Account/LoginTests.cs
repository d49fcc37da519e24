using System.Net;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Account;

public abstract class LoginTests(TestApp app)
{
    [Fact]
    public async Task Logging_out_and_back_in_shows_the_same_balance()
    {
        var email = Users.NewEmail();
        var client = await app.SignedUpAsync(email);

        var logout = await client.SubmitFormAsync("/dashboard", new Dictionary<string, string>(), "form[action='/account/logout']");
        Assert.Equal("/", logout.Location());
        Assert.Equal("/account/login?ReturnUrl=%2Fdashboard", (await client.GetAsync("/dashboard")).Location());

        var login = await client.LogInAsync(email);

        Assert.Equal("/dashboard", login.Location());
        Assert.Equal("10", await client.NavbarBalanceAsync());
    }

    [Fact]
    public async Task A_wrong_password_is_refused_without_saying_whether_the_account_exists()
    {
        var email = Users.NewEmail();
        await app.SignedUpAsync(email);

        var wrongPassword = await (await app.CreateBrowser().LogInAsync(email, "Wrong-pass-1")).ReadHtmlAsync();
        var unknownUser = await (await app.CreateBrowser().LogInAsync(Users.NewEmail())).ReadHtmlAsync();

        Assert.Equal(["The email or password is incorrect."], wrongPassword.FormErrors());
        Assert.Equal(wrongPassword.FormErrors(), unknownUser.FormErrors());
    }

    [Fact]
    public async Task Five_failed_logins_lock_the_account_even_for_the_right_password()
    {
        var email = Users.NewEmail();
        await app.SignedUpAsync(email);
        var client = app.CreateBrowser();
        for (var i = 0; i < 5; i++)
        {
            await client.LogInAsync(email, "Wrong-pass-1");
        }

        var response = await client.LogInAsync(email);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("locked", Assert.Single((await response.ReadHtmlAsync()).FormErrors()));
    }

    [Fact]
    public async Task Login_returns_to_a_local_page_but_never_to_another_site()
    {
        var email = Users.NewEmail();
        await app.SignedUpAsync(email);

        var local = await app.CreateBrowser().LogInAsync(email, url: "/account/login?ReturnUrl=%2Fpricing");
        var external = await app.CreateBrowser().LogInAsync(email, url: "/account/login?ReturnUrl=https%3A%2F%2Fevil.example");

        Assert.Equal("/pricing", local.Location());
        Assert.Equal("/dashboard", external.Location());
    }

    [Fact]
    public async Task Changing_the_password_makes_the_old_one_stop_working()
    {
        var email = Users.NewEmail();
        var client = await app.SignedUpAsync(email);

        var change = await client.SubmitFormAsync("/account/manage/change-password", new Dictionary<string, string>
        {
            ["Input.OldPassword"] = Users.Password,
            ["Input.NewPassword"] = "Changed-pass-2",
            ["Input.ConfirmPassword"] = "Changed-pass-2",
        });

        Assert.Equal("/dashboard", change.Location());
        Assert.Equal(HttpStatusCode.OK, (await app.CreateBrowser().LogInAsync(email)).StatusCode);
        Assert.Equal("/dashboard", (await app.CreateBrowser().LogInAsync(email, "Changed-pass-2")).Location());
    }

    [Fact]
    public async Task Changing_the_password_with_a_wrong_current_password_changes_nothing()
    {
        var email = Users.NewEmail();
        var client = await app.SignedUpAsync(email);

        var change = await client.SubmitFormAsync("/account/manage/change-password", new Dictionary<string, string>
        {
            ["Input.OldPassword"] = "Wrong-pass-1",
            ["Input.NewPassword"] = "Changed-pass-2",
            ["Input.ConfirmPassword"] = "Changed-pass-2",
        });

        Assert.Equal(["Incorrect password."], (await change.ReadHtmlAsync()).FormErrors());
        Assert.Equal("/dashboard", (await app.CreateBrowser().LogInAsync(email)).Location());
    }
}

public sealed class LoginTests_Sqlite(SqliteApp app) : LoginTests(app), IClassFixture<SqliteApp>;

public sealed class LoginTests_Postgres(PostgresApp app) : LoginTests(app), IClassFixture<PostgresApp>;
