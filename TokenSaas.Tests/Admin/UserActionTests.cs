using Microsoft.EntityFrameworkCore;
using TokenSaas.Audit;
using TokenSaas.Ledger;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Admin;

/// <summary>Admin acts on a user through the ledger: each changes what it says, once per key, with exactly one audit row.</summary>
public abstract class UserActionTests(TestApp app)
{
    [Fact]
    public async Task Every_admin_action_writes_exactly_one_audit_row()
    {
        var user = await app.NewApiUserAsync();
        var spend = await user.SpendAsync("create_website", "to-refund");
        var spentEntry = (await spend.ReadJsonAsync()).RootElement.GetProperty("entry_id").GetInt64();

        Assert.True((await user.LedgerAsync(l => l.AllocateAsync(user.UserId, 50, null, Admins.Act("welcome back")))).Succeeded);
        var emergency = await user.LedgerAsync(l => l.AllocateAsync(user.UserId, 30, null, Admins.Act("outage"), emergency: true));
        Assert.True((await user.LedgerAsync(l => l.AdminAdjustAsync(user.UserId, -5, Admins.Act("correction")))).Succeeded);
        Assert.True((await user.LedgerAsync(l => l.SetUnlimitedAsync(user.UserId, true, Admins.Act("vip")))).Succeeded);
        Assert.True((await user.LedgerAsync(l => l.SetUnlimitedAsync(user.UserId, false, Admins.Act("vip over")))).Succeeded);
        Assert.True((await user.LedgerAsync(l => l.AdminChangePlanAsync(user.UserId, "standard", false, Admins.Act("trial")))).Succeeded);
        Assert.True((await user.LedgerAsync(l => l.SetLimitsAsync(user.UserId, 100, 500, Admins.Act("abuse")))).Succeeded);
        Assert.True((await user.LedgerAsync(l => l.AdminRefundAsync(spentEntry, Admins.Act("site broke")))).Succeeded);
        Assert.True((await user.LedgerAsync(l => l.VoidGrantAsync(user.UserId, emergency.Value!.GrantId, Admins.Act("mistake")))).Succeeded);

        var actions = await AuditFor(user.UserId);
        Assert.Equal(
            [AuditActions.Allocate, AuditActions.Emergency, AuditActions.Adjust, AuditActions.Unlimited, AuditActions.Unlimited,
                AuditActions.Plan, AuditActions.Limits, AuditActions.Refund, AuditActions.VoidGrant],
            actions.Select(a => a.Action));
        Assert.All(actions, a => Assert.Equal(TestApp.AdminEmail, a.ActorEmail));
        Assert.Equal("""{"balance":9}""", actions[0].Before);
        Assert.Equal("welcome back", actions[0].Reason);
        Assert.True((await app.VerifyAsync()).Clean);
    }

    [Fact]
    public async Task An_allocation_replayed_with_its_key_grants_once_and_audits_once()
    {
        var user = await app.NewApiUserAsync();
        var act = Admins.Act("goodwill");

        var first = await user.LedgerAsync(l => l.AllocateAsync(user.UserId, 50, null, act));
        var again = await user.LedgerAsync(l => l.AllocateAsync(user.UserId, 50, null, act));
        var conflict = await user.LedgerAsync(l => l.AllocateAsync(user.UserId, 70, null, act));

        Assert.Equal(first.Value!.EntryId, again.Value!.EntryId);
        Assert.Equal(LedgerError.IdempotencyConflict, conflict.Failure!.Code);
        Assert.Equal(60, await user.BalanceAsync());
        Assert.Single(await AuditFor(user.UserId));
    }

    [Fact]
    public async Task An_adjustment_never_takes_a_balance_below_zero()
    {
        var user = await app.NewApiUserAsync();

        var refused = await user.LedgerAsync(l => l.AdminAdjustAsync(user.UserId, -11, Admins.Act("too much")));

        Assert.Equal(LedgerError.InsufficientTokens, refused.Failure!.Code);
        Assert.Equal(10, await user.BalanceAsync());
        Assert.Empty(await AuditFor(user.UserId));
    }

    [Fact]
    public async Task Setting_a_flag_to_what_it_already_is_changes_nothing_and_writes_no_row()
    {
        var user = await app.NewApiUserAsync();

        await user.LedgerAsync(l => l.SetUnlimitedAsync(user.UserId, false, Admins.Act("no-op")));

        Assert.Empty(await AuditFor(user.UserId));
    }

    [Theory]
    [InlineData(null, "A reason is required.")]
    [InlineData("", "A reason is required.")]
    public async Task An_act_without_a_reason_is_refused_and_writes_nothing(string? reason, string message)
    {
        var user = await app.NewApiUserAsync();

        var result = await user.LedgerAsync(l => l.AllocateAsync(user.UserId, 5, null, Admins.Act() with { Reason = reason }));

        Assert.Equal(message, result.Failure!.Message);
        Assert.Equal(10, await user.BalanceAsync());
        Assert.Empty(await AuditFor(user.UserId));
    }

    [Fact]
    public async Task An_emergency_allocation_expires_by_itself_after_72_hours()
    {
        var user = await app.NewApiUserAsync();
        var granted = await user.LedgerAsync(l => l.AllocateAsync(user.UserId, 40, null, Admins.Act("outage"), emergency: true));

        var expiresAt = await app.WithDbAsync(db => db.Grants.Where(g => g.Id == granted.Value!.GrantId).Select(g => g.ExpiresAt).SingleAsync());

        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime + LedgerService.EmergencyLifetime, expiresAt!.Value, TimeSpan.FromSeconds(5));
        Assert.Equal(50, await user.BalanceAsync());
    }

    private Task<List<AuditEntry>> AuditFor(string userId) =>
        app.WithDbAsync(db => db.AuditEntries.Where(a => a.TargetType == AuditTargets.User && a.TargetId == userId)
            .OrderBy(a => a.Id).ToListAsync());
}

public sealed class UserActionTests_Sqlite(SqliteApp app) : UserActionTests(app), IClassFixture<SqliteApp>;

public sealed class UserActionTests_Postgres(PostgresApp app) : UserActionTests(app), IClassFixture<PostgresApp>;
