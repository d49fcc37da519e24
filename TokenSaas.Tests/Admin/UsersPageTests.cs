using System.Net;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Admin;

/// <summary>/admin/users and /admin/users/{id} as an admin uses them in a browser (forms, confirm step, htmx).</summary>
public abstract class UsersPageTests(TestApp app)
{
    [Fact]
    public async Task An_admin_finds_a_user_by_part_of_the_email_and_allocates_tokens_after_confirming()
    {
        var user = await app.NewApiUserAsync();
        var admin = await app.AdminBrowserAsync();

        var list = await admin.GetHtmlAsync($"/admin/users?q={user.Email[4..16]}");
        var link = list.QuerySelector($"[data-testid=users] a[href='/admin/users/{user.UserId}']");
        var review = await admin.SubmitFormAsync($"/admin/users/{user.UserId}",
            new Dictionary<string, string> { ["Input.Amount"] = "50", ["Input.Reason"] = "conference lead" }, "[data-testid=action-allocate] form");
        var confirm = await review.ReadHtmlAsync();
        var balanceBeforeConfirm = await user.BalanceAsync();
        var run = await PostConfirmAsync(admin, user.UserId, confirm);
        var after = await admin.GetHtmlAsync(run.Location()!);

        Assert.NotNull(link);
        Assert.Equal($"Give {user.Email} 50 tokens as a bonus?", confirm.QuerySelector("[data-testid=confirm-text]")!.TextContent);
        Assert.Equal(10, balanceBeforeConfirm);
        Assert.Equal(HttpStatusCode.Redirect, run.StatusCode);
        Assert.Contains("50 tokens given", after.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal("60 tokens", after.QuerySelector("[data-testid=user-balance]")!.TextContent.Trim());
        Assert.Contains("Bonus from an admin: conference lead", after.QuerySelector("[data-testid=user-ledger]")!.TextContent);
        Assert.Contains("tokens.allocate", after.QuerySelector("[data-testid=user-audit]")!.TextContent);
    }

    [Fact]
    public async Task Confirming_twice_with_htmx_allocates_once_and_tells_the_page_to_refresh()
    {
        var user = await app.NewApiUserAsync();
        var admin = await app.AdminBrowserAsync();
        var review = await admin.SubmitFormAsync($"/admin/users/{user.UserId}",
            new Dictionary<string, string> { ["Input.Amount"] = "25", ["Input.Reason"] = "double click" }, "[data-testid=action-allocate] form");
        var confirm = await review.ReadHtmlAsync();

        admin.DefaultRequestHeaders.Add("HX-Request", "true");
        var first = await PostConfirmAsync(admin, user.UserId, confirm);
        var second = await PostConfirmAsync(admin, user.UserId, confirm);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("user-changed", first.Headers.GetValues("HX-Trigger").Single());
        Assert.NotNull((await first.ReadHtmlAsync()).QuerySelector("[data-testid=admin-done]"));
        Assert.NotNull((await second.ReadHtmlAsync()).QuerySelector("[data-testid=admin-done]"));
        Assert.Equal(35, await user.BalanceAsync());
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.TargetId == user.UserId)));
    }

    [Theory]
    [InlineData("allocate", "abc", "conference", "Enter a whole number of tokens from 1 to 1,000,000,000.")]
    [InlineData("allocate", "0", "conference", "Enter a whole number of tokens from 1 to 1,000,000,000.")]
    [InlineData("allocate", "-5", "conference", "Enter a whole number of tokens from 1 to 1,000,000,000.")]
    [InlineData("allocate", "99999999999999999999", "conference", "Enter a whole number of tokens from 1 to 1,000,000,000.")]
    [InlineData("allocate", "50", "", "Give a reason: it is kept in the audit log.")]
    [InlineData("allocate", "50", "LONG", "Keep the reason to 200 characters (it has 201).")]
    [InlineData("adjust", "0", "fix", "Enter a number of tokens other than zero: positive adds, negative takes away.")]
    [InlineData("adjust", "1.5", "fix", "Enter a whole number of tokens from −1,000,000,000 to 1,000,000,000.")]
    public async Task Bad_input_on_an_action_form_gets_a_clear_message_and_changes_nothing(string action, string amount, string reason, string message)
    {
        var user = await app.NewApiUserAsync();
        var admin = await app.AdminBrowserAsync();

        var review = await admin.SubmitFormAsync($"/admin/users/{user.UserId}", new Dictionary<string, string>
        {
            ["Input.Amount"] = amount,
            ["Input.Reason"] = reason == "LONG" ? new string('r', 201) : reason,
        }, $"[data-testid=action-{action}] form");
        var page = await review.ReadHtmlAsync();

        Assert.Equal([message], page.QuerySelectorAll("[data-testid=admin-confirm] [data-testid=form-errors] li").Select(li => li.TextContent));
        Assert.Null(page.QuerySelector("[data-testid=confirm-run]"));
        Assert.Equal(10, await user.BalanceAsync());
        Assert.Equal(0, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.TargetId == user.UserId)));
    }

    [Fact]
    public async Task Taking_more_than_a_user_holds_is_refused_in_the_confirm_step()
    {
        var user = await app.NewApiUserAsync();
        var admin = await app.AdminBrowserAsync();
        var review = await admin.SubmitFormAsync($"/admin/users/{user.UserId}",
            new Dictionary<string, string> { ["Input.Amount"] = "-500", ["Input.Reason"] = "chargeback" }, "[data-testid=action-adjust] form");

        var run = await PostConfirmAsync(admin, user.UserId, await review.ReadHtmlAsync());
        var page = await run.ReadHtmlAsync();

        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        Assert.Contains("Insufficient tokens", page.QuerySelector("[data-testid=form-errors]")!.TextContent);
        Assert.Equal(10, await user.BalanceAsync());
    }

    [Fact]
    public async Task An_admin_sets_a_user_unlimited_and_the_page_says_so()
    {
        var user = await app.NewApiUserAsync();
        var admin = await app.AdminBrowserAsync();
        var review = await admin.SubmitFormAsync($"/admin/users/{user.UserId}",
            new Dictionary<string, string> { ["Input.Reason"] = "enterprise trial" }, "[data-testid=action-unlimited] form");

        var run = await PostConfirmAsync(admin, user.UserId, await review.ReadHtmlAsync());
        var page = await admin.GetHtmlAsync(run.Location()!);

        Assert.Equal("Unlimited", page.QuerySelector("[data-testid=user-balance]")!.TextContent.Trim());
        Assert.Equal("End unlimited access", page.QuerySelector("[data-testid=action-unlimited] summary")!.TextContent.Trim());
        using var balance = await user.Client.GetJsonAsync("/api/v1/balance");
        Assert.True(balance.RootElement.GetProperty("unlimited").GetBoolean());
    }

    [Fact]
    public async Task The_user_list_pages_with_a_total_and_reports_bad_filters()
    {
        // Two people besides the admin, so a page of one has a next page even when this test runs alone.
        await app.SignedUpAsync(Users.NewEmail());
        await app.SignedUpAsync(Users.NewEmail());
        var admin = await app.AdminBrowserAsync();

        var page = await admin.GetHtmlAsync("/admin/users?pageSize=1");
        var bad = await admin.GetHtmlAsync("/admin/users?balanceBelow=lots&inactiveSince=yesterday");

        Assert.Matches(@"^[\d,]+ users? · page 1 of [\d,]+$", page.QuerySelector("[data-testid=users-total]")!.TextContent.Trim());
        Assert.Single(page.QuerySelectorAll("[data-testid=users] tbody tr"));
        Assert.NotNull(page.QuerySelector("[data-testid=next-page]"));
        Assert.Contains("Enter a whole number of tokens, like 100.", bad.FormErrors());
        Assert.Contains("Enter a date like 2026-11-21.", bad.FormErrors());
    }

    [Fact]
    public async Task An_unknown_user_is_not_found()
    {
        var admin = await app.AdminBrowserAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/users/no-such-user")).StatusCode);
    }

    [Theory]
    [InlineData("/admin/users")]
    [InlineData("/admin/users/USER")]
    public async Task Users_are_refused_and_visitors_sent_to_log_in(string url)
    {
        var user = await app.NewApiUserAsync();
        var signedIn = await app.SignedUpAsync(Users.NewEmail());
        url = url.Replace("USER", user.UserId);

        Assert.StartsWith("/account/access-denied", (await signedIn.GetAsync(url)).Location());
        Assert.StartsWith("/account/login", (await app.CreateBrowser().GetAsync(url)).Location());
        Assert.StartsWith("/account/access-denied", (await signedIn.PostAsync(url + "?handler=Run", new FormUrlEncodedContent([]))).Location() ?? "/account/access-denied");
    }

    private static async Task<HttpResponseMessage> PostConfirmAsync(HttpClient client, string userId, AngleSharp.Html.Dom.IHtmlDocument confirm)
    {
        var form = confirm.QuerySelector("[data-testid=admin-confirm] form")!;
        var fields = form.QuerySelectorAll("input[name]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""));
        return await client.PostAsync($"/admin/users/{userId}?handler=Run", new FormUrlEncodedContent(fields));
    }
}

public sealed class UsersPageTests_Sqlite(SqliteApp app) : UsersPageTests(app), IClassFixture<SqliteApp>;

public sealed class UsersPageTests_Postgres(PostgresApp app) : UsersPageTests(app), IClassFixture<PostgresApp>;
