using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TokenSaas.Data;
using TokenSaas.Ledger;
using TokenSaas.Ledger.Writing;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Ledger;

/// <summary>
/// One writer batch of spends run by hand, as the lane runs it (read every account once, apply
/// in memory, write one statement per table, commit), so what is asserted is the vectorised path
/// itself, not whichever batches concurrent HTTP requests happen to fall into.
/// </summary>
public abstract class BatchedSpendTests(TestApp app)
{
    [Fact]
    public async Task A_batch_over_several_accounts_gives_every_spend_its_own_entry_and_running_balance()
    {
        var (a, b) = (await app.NewApiUserAsync(), await app.NewApiUserAsync());

        var spends = await RunBatchAsync(
            Spend(a, "a-1"), Spend(b, "b-1"), Spend(a, "a-2"), Spend(a, "a-3", quantity: 2), Spend(b, "b-2"));

        var results = spends.Select(s => s.Value!).ToList();
        Assert.Equal([9L, 8, 6], results.Where((_, i) => i is 0 or 2 or 3).Select(r => r.Balance));
        Assert.Equal([9L, 8], results.Where((_, i) => i is 1 or 4).Select(r => r.Balance));
        Assert.Equal(5, results.Select(r => r.EntryId).Distinct().Count());
        Assert.Equal((6, 8), (await a.BalanceAsync(), await b.BalanceAsync()));
        var entries = await app.WithDbAsync(db => db.LedgerEntries.Where(e => results.Select(r => r.EntryId).Contains(e.Id)).ToListAsync());
        Assert.Equal(results.Select(r => (r.EntryId, -r.Spent, r.Balance)).Order(),
            entries.Select(e => (e.Id, e.Amount, e.BalanceAfter)).Order());
        Assert.All(entries, e => Assert.Equal(LedgerEntryType.Spend, e.Type));
        Assert.True((await app.VerifyAsync()).Clean);
    }

    [Fact]
    public async Task Within_one_batch_a_replayed_key_gets_the_first_answer_and_a_reused_key_is_a_conflict()
    {
        var user = await app.NewApiUserAsync();

        var spends = await RunBatchAsync(Spend(user, "k"), Spend(user, "k"), Spend(user, "k", feature: "template"), Spend(user, "other"));

        Assert.Equal(spends[0].Value!.EntryId, spends[1].Value!.EntryId);
        Assert.Equal(9, spends[1].Value!.Balance);
        Assert.Equal(LedgerError.IdempotencyConflict, spends[2].Failure!.Code);
        Assert.Equal(8, spends[3].Value!.Balance);
        Assert.Equal(8, await user.BalanceAsync());
        Assert.True((await app.VerifyAsync()).Clean);
    }

    [Fact]
    public async Task A_spend_the_batch_cannot_afford_is_refused_and_the_ones_around_it_still_apply()
    {
        var user = await app.NewApiUserAsync();

        var spends = await RunBatchAsync(Spend(user, "first", quantity: 6), Spend(user, "too-much", quantity: 5), Spend(user, "last", quantity: 4));

        Assert.Equal(4, spends[0].Value!.Balance);
        Assert.Equal((LedgerError.InsufficientTokens, 4L, 5L), (spends[1].Failure!.Code, spends[1].Failure!.Balance!.Value, spends[1].Failure!.Required!.Value));
        Assert.Equal(0, spends[2].Value!.Balance);
        Assert.Equal(0, await user.BalanceAsync());
        Assert.Equal(2, await app.WithDbAsync(db => db.LedgerEntries.CountAsync(e => e.Type == LedgerEntryType.Spend
            && db.TokenAccounts.Any(t => t.Id == e.AccountId && t.UserId == user.UserId))));
        Assert.True((await app.VerifyAsync()).Clean);
    }

    [Fact]
    public async Task A_spend_paid_by_two_grants_in_a_batch_records_both_and_a_refund_returns_to_each()
    {
        var user = await app.NewApiUserAsync();
        await user.GrantAsync(5);

        var spends = await RunBatchAsync(Spend(user, "split", quantity: 12));

        var entry = spends[0].Value!.EntryId;
        var paid = await app.WithDbAsync(db => db.LedgerAllocations.Where(x => x.EntryId == entry).Select(x => x.Amount).ToListAsync());
        Assert.Equal([2L, 10], paid.Order());
        Assert.True((await user.LedgerAsync(l => l.RefundAsync(null, entry, "refund-split", "test", "admin"))).Succeeded);
        Assert.Equal(15, await user.BalanceAsync());
        Assert.True((await app.VerifyAsync()).Clean);
    }

    private static SpendRequest Spend(ApiUser user, string key, int quantity = 1, string feature = "create_website") =>
        new(user.UserId, feature, feature == "template" ? 3 : 1, quantity, key, user.UserId);

    /// <summary>What <see cref="LedgerLane"/> does with a batch of spends, on a writer connection of its own.</summary>
    private async Task<List<LedgerResult<SpendResult>>> RunBatchAsync(params SpendRequest[] requests)
    {
        var directory = app.Services.GetRequiredService<AccountDirectory>();
        var options = app.Services.GetRequiredService<IOptions<TokensOptions>>().Value;
        var policy = new LedgerPolicy(options.WelcomeBonus, options.DailyFree, app.Services.GetRequiredService<TokenCalendar>());
        var commands = requests.Select(r => new SpendCommand(directory.Find(r.UserId)!.Value, r)).ToList();
        using (var store = new LedgerStore(app.Services.GetRequiredService<LedgerConnections>().OpenForWriter()))
        {
            var operations = new LedgerOperations(store, app.Clock.GetUtcNow().UtcDateTime, directory.StartBatch(), policy);
            using var transaction = store.Begin();
            operations.Batch.Load(commands);
            commands.ForEach(c => c.Execute(operations));
            operations.Batch.Flush();
            transaction.Commit();
            store.EndTransaction();
        }

        Assert.All(commands, c => Assert.True(c.DecidedInBatch, $"spend '{c.Request.Key}' left the batch path"));
        commands.ForEach(c => c.Complete());

        return [.. await Task.WhenAll(commands.Select(c => c.Task))];
    }
}

public sealed class BatchedSpendTests_Sqlite(SqliteApp app) : BatchedSpendTests(app), IClassFixture<SqliteApp>;

public sealed class BatchedSpendTests_Postgres(PostgresApp app) : BatchedSpendTests(app), IClassFixture<PostgresApp>;
