using System.Net;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Ledger;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Account;

public abstract class RegisterTests(TestApp app)
{
    [Fact]
    public async Task Registering_signs_in_and_lands_on_the_dashboard_with_the_welcome_bonus()
    {
        var client = app.CreateBrowser();

        var response = await client.RegisterAsync(Users.NewEmail());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/dashboard", response.Location());
        Assert.Equal("10", await client.NavbarBalanceAsync());
    }

    [Theory]
    [InlineData("/pricing#plan-standard", "/pricing#plan-standard")]
    [InlineData("https://evil.example/phish", "/dashboard")]
    [InlineData("//evil.example/phish", "/dashboard")]
    public async Task Signing_up_from_a_plan_returns_to_it_but_never_to_another_site(string returnUrl, string landing)
    {
        var client = app.CreateBrowser();

        var response = await client.SubmitFormAsync($"/account/register?returnUrl={Uri.EscapeDataString(returnUrl)}", new Dictionary<string, string>
        {
            ["Input.Email"] = Users.NewEmail(),
            ["Input.Password"] = Users.Password,
            ["Input.ConfirmPassword"] = Users.Password,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(landing, response.Location());
    }

    [Fact]
    public async Task The_welcome_bonus_is_one_grant_and_one_ledger_entry()
    {
        var email = Users.NewEmail();
        await app.SignedUpAsync(email);

        var (account, entries, grants) = await app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            var account = await db.TokenAccounts.SingleAsync(a => a.UserId == user.Id);
            return (account,
                await db.LedgerEntries.Where(e => e.AccountId == account.Id).ToListAsync(),
                await db.Grants.Where(g => g.AccountId == account.Id).ToListAsync());
        });

        var entry = Assert.Single(entries);
        Assert.Equal(LedgerEntryType.Grant, entry.Type);
        Assert.Equal(10, entry.Amount);
        Assert.Equal(10, entry.BalanceAfter);
        Assert.Equal(GrantBucket.Bonus, entry.Bucket);
        Assert.Equal("~welcome", entry.IdempotencyKey);
        var grant = Assert.Single(grants);
        Assert.Equal((10L, 10L, (DateTime?)null), (grant.Amount, grant.Remaining, grant.ExpiresAt));
        Assert.Equal(grant.Id, entry.GrantId);
        Assert.Equal(10, account.Balance);
    }

    [Fact]
    public async Task Registering_twice_with_one_email_is_refused_with_a_clear_message()
    {
        var email = Users.NewEmail();
        await app.SignedUpAsync(email);

        var response = await app.CreateBrowser().RegisterAsync(email.ToUpperInvariant());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = Assert.Single((await response.ReadHtmlAsync()).FormErrors());
        Assert.Equal($"Email '{email.ToUpperInvariant()}' is already taken.", error);
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == email.ToUpperInvariant())));
        Assert.Equal(1, await app.WithDbAsync(db => db.LedgerEntries.CountAsync(e =>
            db.TokenAccounts.Any(a => a.Id == e.AccountId && db.Users.Any(u => u.Id == a.UserId && u.Email == email)))));
    }

    [Theory]
    [InlineData("not-an-email", Users.Password, Users.Password, "Enter a valid email address, like name@example.com.")]
    [InlineData("", Users.Password, Users.Password, "Enter your email address.")]
    [InlineData("{0}", "Short1", "Short1", "The password must be at least 8 characters long.")]
    [InlineData("{0}", Users.Password, "Different-pass-1", "The passwords do not match.")]
    [InlineData("{0}", "alllowercase1", "alllowercase1", "Passwords must have at least one uppercase ('A'-'Z').")]
    [InlineData("{0}", "NoDigitsHere", "NoDigitsHere", "Passwords must have at least one digit ('0'-'9').")]
    public async Task Bad_input_gets_a_validation_message_and_creates_nothing(string email, string password,
        string confirm, string expected)
    {
        var address = string.Format(email, Users.NewEmail());
        var usersBefore = await app.WithDbAsync(db => db.Users.CountAsync());

        var response = await app.CreateBrowser().RegisterAsync(address, password, confirm);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, (await response.ReadHtmlAsync()).FormErrors());
        Assert.Equal(usersBefore, await app.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        var email = Users.NewEmail();
        var response = await app.CreateBrowser().PostAsync("/account/register", new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["Input.Email"] = email,
                ["Input.Password"] = Users.Password,
                ["Input.ConfirmPassword"] = Users.Password,
            }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }
}

public sealed class RegisterTests_Sqlite(SqliteApp app) : RegisterTests(app), IClassFixture<SqliteApp>;

public sealed class RegisterTests_Postgres(PostgresApp app) : RegisterTests(app), IClassFixture<PostgresApp>;
