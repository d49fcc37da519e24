using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Admin.Bulk;
using TokenSaas.Ledger;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Admin.Bulk;

/// <summary>
/// A batch outlives the instance running it: stopped mid-run, it is finished by the next instance
/// on the same database, and no row is granted twice.
/// </summary>
public abstract class BulkResumeTests
{
    private const int Users = 600;

    protected abstract TestDatabase NewDatabase();

    [Fact]
    public async Task A_run_stopped_midway_is_finished_after_a_restart_and_grants_every_row_exactly_once()
    {
        await using var database = NewDatabase();
        var first = new BulkInstance(database, new Dictionary<string, string> { ["Bulk:ChunkSize"] = "10" });
        await first.InitializeAsync();
        var users = await first.CreateUsersAsync(Users);
        var id = await StartAsync(first, users);
        while ((await first.BatchAsync(id)).Done < 100)
        {
            await Task.Delay(10);
        }

        await first.DisposeAsync();
        var stopped = await BulkSteps.ReadBatchAsync(database, id);
        await using var second = new BulkInstance(database, new Dictionary<string, string>());
        await second.InitializeAsync();
        await second.WaitForAsync(id, BulkStatus.Done);

        Assert.Equal("running", stopped.Status);
        Assert.InRange(stopped.Done, 100, Users - 1);
        await AssertGrantedOnceAsync(second, id, users);
    }

    [Fact]
    public async Task A_batch_whose_instance_died_is_taken_over_when_its_lease_lapses_and_not_before()
    {
        await using var database = NewDatabase();
        await using var app = new BulkInstance(database, new Dictionary<string, string>());
        await app.InitializeAsync();
        var users = await app.CreateUsersAsync(30);
        using var check = await (await app.AdminApi().PostCsvAsync(Csv(users))).ReadJsonAsync();
        var id = check.RootElement.GetProperty("batch_id").GetInt64();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.WithDbAsync(db => db.BulkBatches.Where(b => b.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(b => b.Status, BulkStatus.Running).SetProperty(b => b.LeaseOwner, "another-instance")
            .SetProperty(b => b.LeaseUntil, now.AddMinutes(5))));

        app.Services.GetRequiredService<BulkSignal>().Wake();
        await Task.Delay(TimeSpan.FromSeconds(1));
        var held = await app.BatchAsync(id);
        app.Clock.Advance(TimeSpan.FromMinutes(6));
        app.Services.GetRequiredService<BulkSignal>().Wake();
        await app.WaitForAsync(id, BulkStatus.Done);

        Assert.Equal((0, "another-instance"), (held.Done, held.LeaseOwner));
        await AssertGrantedOnceAsync(app, id, users);
    }

    private static string Csv(IEnumerable<BulkUser> users) => BulkSteps.Csv("email,amount", users.Select((u, i) => $"{u.Email},{i % 7 + 1}"));

    private static async Task<long> StartAsync(TestApp app, IReadOnlyList<BulkUser> users)
    {
        var response = await app.AdminApi().PostCsvAsync(Csv(users), dryRun: false);
        using var json = await response.ReadJsonAsync();
        return json.RootElement.GetProperty("batch_id").GetInt64();
    }

    private static async Task AssertGrantedOnceAsync(TestApp app, long id, IReadOnlyList<BulkUser> users)
    {
        var entries = await app.BatchEntriesAsync(id);
        var byAccount = await app.WithDbAsync(db => db.TokenAccounts.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.UserId));
        var batch = await app.BatchAsync(id);

        Assert.Equal((users.Count, 0), (batch.Done, batch.Failed));
        Assert.Equal(users.Count, entries.Count);
        Assert.Equal(users.Count, entries.Select(e => e.IdempotencyKey).Distinct().Count());
        Assert.Equal(users.Select(u => u.Id).Order(), entries.Select(e => byAccount[e.AccountId]).Order());
        var expected = users.Select((u, i) => (u.Id, Amount: (long)(i % 7 + 1))).ToDictionary(x => x.Id, x => x.Amount);
        Assert.All(entries, e => Assert.Equal(expected[byAccount[e.AccountId]], e.Amount));
        Assert.All(await app.RowsAsync(id), r => Assert.Equal(BulkRowStatus.Granted, r.Status));
        Assert.Equal(10 + expected[users[^1].Id], await app.BalanceAsync(users[^1].Id));
        Assert.True((await app.VerifyAsync()).Clean);
    }
}

public sealed class BulkResumeTests_Sqlite : BulkResumeTests
{
    protected override TestDatabase NewDatabase() => new SqliteTestDatabase();
}

public sealed class BulkResumeTests_Postgres : BulkResumeTests
{
    protected override TestDatabase NewDatabase() => new PostgresTestDatabase();
}
