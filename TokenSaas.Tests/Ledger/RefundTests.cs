using System.Net;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Identity;
using TokenSaas.Ledger;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Ledger;

public abstract class RefundTests(TestApp app)
{
    [Fact]
    public async Task Refunding_twice_gives_the_tokens_back_once()
    {
        var user = await app.NewApiUserAsync();
        var entry = await SpendAsync(user, "cover_letter", "s1");

        var first = await user.PostAsync("/api/v1/refunds", new { entry_id = entry, idempotency_key = "r1" });
        var second = await user.PostAsync("/api/v1/refunds", new { entry_id = entry, idempotency_key = "r2" });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        using var a = await first.ReadJsonAsync();
        using var b = await second.ReadJsonAsync();
        Assert.Equal(a.RootElement.GetProperty("entry_id").GetInt64(), b.RootElement.GetProperty("entry_id").GetInt64());
        Assert.Equal(5, a.RootElement.GetProperty("refunded").GetInt64());
        Assert.Equal(10, await user.BalanceAsync());
        Assert.Equal(1, await app.WithDbAsync(db => db.LedgerEntries.CountAsync(e => e.ReversalOfEntryId == entry)));
    }

    [Fact]
    public async Task A_refund_goes_back_to_the_grants_that_paid()
    {
        var user = await app.NewApiUserAsync();
        await user.GrantAsync(3, GrantBucket.Daily, app.Clock.GetUtcNow().UtcDateTime.AddHours(3));
        var entry = await SpendAsync(user, "cover_letter", "s2");

        await user.PostAsync("/api/v1/refunds", new { entry_id = entry, idempotency_key = "r3" });

        var balance = await user.LedgerAsync(l => l.GetBalanceAsync(user.UserId));
        Assert.Equal((3L, 10L), (balance[GrantBucket.Daily], balance[GrantBucket.Bonus]));
    }

    [Fact]
    public async Task Tokens_refunded_after_their_grant_expired_expire_again()
    {
        var user = await app.NewApiUserAsync();
        await user.DrainAsync();
        await user.GrantAsync(5, GrantBucket.Daily, app.Clock.GetUtcNow().UtcDateTime.AddMinutes(5));
        var entry = await SpendAsync(user, "cover_letter", "s3");
        app.Clock.Advance(TimeSpan.FromMinutes(6));

        var refund = await user.LedgerAsync(l => l.RefundAsync(null, entry, "r4", "failed", "test-admin"));

        Assert.True(refund.Succeeded);
        Assert.Equal(5, refund.Value!.Refunded);
        Assert.Equal(0, await user.BalanceAsync());
        var types = await app.WithDbAsync(db => db.LedgerEntries.Where(e => e.Id > entry
            && db.TokenAccounts.Any(a => a.Id == e.AccountId && a.UserId == user.UserId)).OrderBy(e => e.Id).Select(e => e.Type).ToListAsync());
        Assert.Equal([LedgerEntryType.Refund, LedgerEntryType.Expire], types);
        Assert.True((await app.VerifyAsync()).Clean);
    }

    [Fact]
    public async Task A_user_cannot_refund_someone_else_s_spend()
    {
        var owner = await app.NewApiUserAsync();
        var other = await app.NewApiUserAsync();
        var entry = await SpendAsync(owner, "cover_letter", "s4");

        var response = await other.PostAsync("/api/v1/refunds", new { entry_id = entry, idempotency_key = "r5" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(5, await owner.BalanceAsync());
        Assert.Equal(10, await other.BalanceAsync());
    }

    [Fact]
    public async Task Users_refund_only_within_the_window_but_admins_any_time()
    {
        var user = await app.NewApiUserAsync();
        var admin = await app.NewApiUserAsync(Roles.Admin);
        var entry = await SpendAsync(user, "cover_letter", "s5");
        app.Clock.Advance(TimeSpan.FromMinutes(11));

        var late = await user.PostAsync("/api/v1/refunds", new { entry_id = entry, idempotency_key = "r6" });
        var byAdmin = await admin.PostAsync("/api/v1/refunds", new { entry_id = entry, idempotency_key = "r7", reason = "support" });

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("refund window", await late.ErrorAsync());
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
        Assert.Equal(10, await user.BalanceAsync());
    }

    [Fact]
    public async Task Only_spends_can_be_refunded()
    {
        var user = await app.NewApiUserAsync();
        var welcome = await app.WithDbAsync(db => db.LedgerEntries.Where(e =>
            db.TokenAccounts.Any(a => a.Id == e.AccountId && a.UserId == user.UserId)).Select(e => e.Id).SingleAsync());

        var response = await user.PostAsync("/api/v1/refunds", new { entry_id = welcome, idempotency_key = "r8" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(10, await user.BalanceAsync());
    }

    private static async Task<long> SpendAsync(ApiUser user, string feature, string key)
    {
        var response = await user.SpendAsync(feature, key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = await response.ReadJsonAsync();
        return json.RootElement.GetProperty("entry_id").GetInt64();
    }
}

public sealed class RefundTests_Sqlite(SqliteApp app) : RefundTests(app), IClassFixture<SqliteApp>;

public sealed class RefundTests_Postgres(PostgresApp app) : RefundTests(app), IClassFixture<PostgresApp>;
