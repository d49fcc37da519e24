using System.Diagnostics;
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
        var result = (await response.ReadHtmlAsync()).QuerySelector("[data-testid=verify-result]")!.TextContent;
        Assert.Matches(@"All \d+ account\(s\) add up\.", result.Trim());
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
        var connection = await app.WithDbAsync(db => Task.FromResult(db.Database.GetConnectionString()!));

        var (clean, cleanOutput) = await RunVerifyAsync(connection);
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE token_accounts SET balance = balance + 5 WHERE user_id = (SELECT \"Id\" FROM \"AspNetUsers\" WHERE \"Email\" = {0})", email));
        var (dirty, dirtyOutput) = await RunVerifyAsync(connection);
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE token_accounts SET balance = balance - 5 WHERE user_id = (SELECT \"Id\" FROM \"AspNetUsers\" WHERE \"Email\" = {0})", email));

        Assert.True(clean == 0, cleanOutput);
        Assert.Contains("no differences", cleanOutput);
        Assert.Equal(1, dirty);
        Assert.Contains("FAILED", dirtyOutput);
    }

    // The real command, as `dotnet run --project TokenSaas -- verify` runs it, against the test's database file.
    private static async Task<(int ExitCode, string Output)> RunVerifyAsync(string connectionString)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "TokenSaas.dll"), "verify"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["ConnectionStrings__Default"] = connectionString;
        start.Environment["Database__DataDirectory"] = Path.Combine(Path.GetTempPath(), "tokensaas-tests", "cli-" + Guid.NewGuid().ToString("N"));
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }
}
