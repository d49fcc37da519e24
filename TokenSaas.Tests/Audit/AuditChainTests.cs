using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Audit;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Audit;

public abstract class AuditChainTests(TestApp app)
{
    [Fact]
    public async Task An_admin_act_writes_one_row_and_a_replay_of_its_key_writes_none()
    {
        var user = await app.NewApiUserAsync();
        var act = Admins.Act("goodwill credit");

        await app.AllocateAsync(user.UserId, act);
        await app.AllocateAsync(user.UserId, act);

        var row = Assert.Single(await app.AuditRowsAsync(user.UserId));
        Assert.Equal((AuditActions.Allocate, AuditTargets.User, "goodwill credit", TestApp.AdminEmail),
            (row.Action, row.TargetType, row.Reason, row.ActorEmail));
        using var after = JsonDocument.Parse(row.After!);
        Assert.Equal(60, after.RootElement.GetProperty("balance").GetInt64());
        Assert.Equal(60, await user.BalanceAsync());
    }

    [Fact]
    public async Task Verify_finds_the_chain_intact_after_admin_acts()
    {
        var user = await app.NewApiUserAsync();
        await app.AllocateAsync(user.UserId, Admins.Act());
        await app.AllocateAsync(user.UserId, Admins.Act());

        var report = await app.VerifyAuditAsync();

        Assert.Null(report.FirstBroken);
        Assert.Equal((await app.ChainShapeAsync()).Count, report.RowsChecked);
    }

    [Fact]
    public async Task Concurrent_admin_acts_leave_an_intact_chain_with_contiguous_ids()
    {
        var users = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => app.NewApiUserAsync()));
        var (countBefore, _) = await app.ChainShapeAsync();

        // Ledger acts (the writer's connection) and AuditLog writes (EF's) race for the same head row.
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => i % 4 == 3
            ? app.WithScopeAsync(s => s.GetRequiredService<AuditLog>().WriteAsync(
                new AuditRecord(Admins.Actor, AuditActions.Export, AuditTargets.Export, "audit", null) { After = new { n = i } }))
            : app.AllocateAsync(users[i % 4].UserId, Admins.Act($"burst {i}"), 5)));

        var (count, maxId) = await app.ChainShapeAsync();
        var report = await app.VerifyAuditAsync();
        var perUser = await Task.WhenAll(users.Select(async u => (await app.AuditRowsAsync(u.UserId)).Count));
        Assert.Equal(countBefore + 40, count);
        Assert.Equal(count, maxId);
        Assert.Null(report.FirstBroken);
        Assert.All(perUser, rows => Assert.Equal(10, rows));
    }
}

public sealed class AuditChainTests_Sqlite(SqliteApp app) : AuditChainTests(app), IClassFixture<SqliteApp>;

public sealed class AuditChainTests_Postgres(PostgresApp app) : AuditChainTests(app), IClassFixture<PostgresApp>;
