using Microsoft.EntityFrameworkCore;
using TokenSaas.Ledger;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Ledger;

/// <summary>
/// The admin user list sorts by copies of each account's balance, tokens spent and last activity
/// (<see cref="AccountListKeys"/>), which the writer keeps: after any burst of spends every copy
/// matches its account, and copies left behind by a writer that stopped are put right when the
/// next writer starts.
/// </summary>
public abstract class ListKeysTests(TestApp app)
{
    [Fact]
    public async Task After_a_burst_of_concurrent_spends_every_account_is_listed_by_its_own_figures()
    {
        var users = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => app.NewApiUserAsync()));
        foreach (var user in users)
        {
            await user.GrantAsync(1_000);
        }

        // Five users' spends queued first and the sixth user's after them, all at once: the writer is
        // busy (and defers copying) while it applies the five, and its last batches are the sixth's alone.
        var spends = await Task.WhenAll(Enumerable.Range(0, 450).Select(i =>
        {
            var user = i < 200 ? users[i % 5] : users[5];
            return user.LedgerAsync(l => l.SpendAsync(user.UserId, "create_website", 1 + i % 3, $"burst-{i}"));
        }));

        Assert.All(spends, s => Assert.True(s.Succeeded, s.Failure?.Message));
        var listed = await ListedAsync(users.Select(u => u.UserId).ToArray());
        Assert.Equal(users.Length, listed.Count);
        Assert.All(listed, r => Assert.Equal(r.Account, r.Keys));
        Assert.All(listed, r => Assert.True(r.Keys.LifetimeSpent > 0));
    }

    [Fact]
    public async Task Copies_a_stopped_writer_left_behind_are_put_right_when_the_next_writer_starts()
    {
        var (stale, missing) = (await app.NewApiUserAsync(), await app.NewApiUserAsync());
        await stale.SpendAsync("create_website", "before-stop");
        var ids = new[] { stale.UserId, missing.UserId };
        await app.WithDbAsync(async db =>
        {
            var keys = (string userId) => db.AccountListKeys.Where(k => db.TokenAccounts.Any(a => a.Id == k.AccountId && a.UserId == userId));
            await keys(stale.UserId).ExecuteUpdateAsync(s => s.SetProperty(k => k.Balance, 424_242)
                .SetProperty(k => k.LifetimeSpent, 0).SetProperty(k => k.LastActiveAt, (DateTime?)null));
            return await keys(missing.UserId).ExecuteDeleteAsync();
        });

        var restarted = new SecondInstance(app.Database);
        try
        {
            await restarted.InitializeAsync();
            var someone = await restarted.NewApiUserAsync();
            await someone.SpendAsync("create_website", "first-write");

            var listed = await ListedAsync(ids);
            Assert.Equal(2, listed.Count);
            Assert.All(listed, r => Assert.Equal(r.Account, r.Keys));
        }
        finally
        {
            await ((Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>)restarted).DisposeAsync();
        }
    }

    private sealed record Figures(long Balance, long LifetimeSpent, DateTime? LastActiveAt);

    /// <summary>Each of these users' account figures beside its listed copy.</summary>
    private Task<List<(Figures Account, Figures Keys)>> ListedAsync(string[] userIds) => app.WithDbAsync(async db =>
        (await db.TokenAccounts.Where(a => userIds.Contains(a.UserId))
            .Join(db.AccountListKeys, a => a.Id, k => k.AccountId, (a, k) => new { a, k }).ToListAsync())
        .Select(r => (new Figures(r.a.Balance, r.a.LifetimeSpent, r.a.LastActiveAt), new Figures(r.k.Balance, r.k.LifetimeSpent, r.k.LastActiveAt)))
        .ToList());
}

public sealed class ListKeysTests_Sqlite(SqliteApp app) : ListKeysTests(app), IClassFixture<SqliteApp>;

public sealed class ListKeysTests_Postgres(PostgresApp app) : ListKeysTests(app), IClassFixture<PostgresApp>;
