using System.Net;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Admin;

public sealed class VerifyPageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task An_admin_runs_verify_from_the_admin_page()
    {
        await app.SignedUpAsync(Users.NewEmail());
        var admin = app.CreateBrowser();
        await admin.LogInAsync(TestApp.AdminEmail, TestApp.AdminPassword);

        var response = await admin.SubmitFormAsync("/admin/ledger/verify", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadHtmlAsync();
        Assert.Matches(@"All \d+ account\(s\) add up\.", page.QuerySelector("[data-testid=verify-result]")!.TextContent.Trim());
        Assert.Matches(@"Audit log: [\d,]+ rows, chain intact\.", page.QuerySelector("[data-testid=audit-verify-result]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Users_cannot_open_the_verify_page()
    {
        var client = await app.SignedUpAsync(Users.NewEmail());

        var response = await client.GetAsync("/admin/ledger/verify");

        Assert.StartsWith("/account/access-denied", response.Location());
    }

    [Fact]
    public async Task The_verify_command_exits_zero_when_clean_and_one_with_a_difference()
    {
        var email = Users.NewEmail();
        await app.SignedUpAsync(email);

        var (clean, cleanOutput) = await VerifyCommand.RunAsync(app);
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE token_accounts SET balance = balance + 5 WHERE user_id = (SELECT \"Id\" FROM \"AspNetUsers\" WHERE \"Email\" = {0})", email));
        var (dirty, dirtyOutput) = await VerifyCommand.RunAsync(app);
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE token_accounts SET balance = balance - 5 WHERE user_id = (SELECT \"Id\" FROM \"AspNetUsers\" WHERE \"Email\" = {0})", email));

        Assert.True(clean == 0, cleanOutput);
        Assert.Contains("no differences", cleanOutput);
        Assert.Contains("chain intact", cleanOutput);
        Assert.Equal(1, dirty);
        Assert.Contains("FAILED", dirtyOutput);
    }
}
