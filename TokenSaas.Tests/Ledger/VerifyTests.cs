using Microsoft.EntityFrameworkCore;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Ledger;

public abstract class VerifyTests(TestApp app)
{
    [Fact]
    public async Task Verify_is_clean_after_every_kind_of_operation()
    {
        var user = await app.NewApiUserAsync();
        await user.GrantAsync(50);
        await user.SpendAsync("cover_letter", "v1");
        var hold = await user.PostAsync("/api/v1/holds", new { feature = "template", idempotency_key = "v2" });
        using var held = await hold.ReadJsonAsync();
        await user.PostAsync($"/api/v1/holds/{held.RootElement.GetProperty("hold_id").GetInt64()}/release", new { });
        await user.LedgerAsync(l => l.AdjustAsync(user.UserId, -3, "correction", "v3", "admin"));

        using var report = await Admin().GetJsonAsync("/api/admin/ledger/verify");

        Assert.True(report.RootElement.GetProperty("accounts_checked").GetInt32() >= 1);
        Assert.Empty(report.RootElement.GetProperty("mismatches").EnumerateArray());
    }

    [Fact]
    public async Task Verify_reports_an_account_whose_balance_was_changed_behind_the_ledger_s_back()
    {
        var user = await app.NewApiUserAsync();
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE token_accounts SET balance = balance + 1 WHERE user_id = {0}", user.UserId));

        using var report = await Admin().GetJsonAsync("/api/admin/ledger/verify");

        var mismatch = Assert.Single(report.RootElement.GetProperty("mismatches").EnumerateArray(),
            m => m.GetProperty("user_id").GetString() == user.UserId);
        Assert.Equal(11, mismatch.GetProperty("cached_balance").GetInt64());
        Assert.Equal(10, mismatch.GetProperty("entries_sum").GetInt64());

        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE token_accounts SET balance = balance - 1 WHERE user_id = {0}", user.UserId));
    }

    private HttpClient Admin()
    {
        var client = app.CreateBrowser();
        client.DefaultRequestHeaders.Add("X-Api-Key", TestApp.AdminApiKey);
        return client;
    }
}

public sealed class VerifyTests_Sqlite(SqliteApp app) : VerifyTests(app), IClassFixture<SqliteApp>;

public sealed class VerifyTests_Postgres(PostgresApp app) : VerifyTests(app), IClassFixture<PostgresApp>;
