using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Data;
using TokenSaas.Ledger;
using TokenSaas.Ledger.Writing;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Ledger;

/// <summary>
/// The interleavings that another app instance (or another writer lane) can cause, forced step
/// by step on PostgreSQL. A writer locks the accounts it reads until it commits, so another
/// waits rather than races; and should a write ever be planned on a stale read anyway (read
/// outside the lock here), its conditional update takes nothing and writes nothing. (On SQLite
/// a writer holds the database's write lock from BEGIN IMMEDIATE, so neither can happen there.)
/// </summary>
public sealed class ConditionalWriteTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    [Fact]
    public async Task A_debit_planned_on_a_stale_read_takes_nothing()
    {
        var (account, grant) = await AccountAsync();
        using var slow = Store();
        using var fast = Store();

        var seen = slow.ReadAccount(account, "k-slow");
        using (var fastTransaction = fast.Begin())
        {
            Assert.True(fast.TakeFromGrant(grant, 10));
            fastTransaction.Commit();
        }

        using var slowTransaction = slow.Begin();
        Assert.Equal(10, seen.Grants.Single().Remaining);
        Assert.False(slow.TakeFromGrant(grant, 10));
        Assert.Throws<ConcurrentWriteException>(() => slow.TakeFromGrants([new Allocation(grant, 10)]));
    }

    [Fact]
    public async Task A_balance_moved_by_someone_else_is_not_overwritten()
    {
        var (account, _) = await AccountAsync();
        using var slow = Store();
        using var fast = Store();

        var seen = slow.ReadAccount(account, "k-slow");
        using (var fastTransaction = fast.Begin())
        {
            fast.Append(new NewEntry(account, LedgerEntryType.Adjust, -1, "k-fast", "test", "elsewhere", DateTime.UtcNow));
            fastTransaction.Commit();
        }

        using var slowTransaction = slow.Begin();
        Assert.Throws<ConcurrentWriteException>(() =>
            slow.Append(new NewEntry(account, LedgerEntryType.Adjust, -1, "k-slow", "test", "stale", DateTime.UtcNow), seen.Balance));
        Assert.Throws<ConcurrentWriteException>(() =>
            slow.MoveBalances([new BalanceMove(account, seen.Balance, seen.Balance - 1, 1)], DateTime.UtcNow));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_writer_that_read_an_account_keeps_others_waiting_until_it_commits(bool batch)
    {
        var (account, grant) = await AccountAsync();
        using var first = Store();
        using var second = Store();

        var firstTransaction = first.Begin();
        var seen = batch ? first.ReadAccounts([account], [(account, "k-first")]).States[account] : first.ReadAccount(account, "k-first");
        var waiting = Task.Run(() =>
        {
            using var transaction = second.Begin();
            var state = second.ReadAccount(account, "k-second");
            transaction.Commit();
            return state.Grants.Single().Remaining;
        });

        Assert.NotSame(waiting, await Task.WhenAny(waiting, Task.Delay(300)));
        Assert.True(first.TakeFromGrant(grant, 4));
        first.Append(new NewEntry(account, LedgerEntryType.Adjust, -4, "k-first", "test", "first", DateTime.UtcNow), seen.Balance);
        firstTransaction.Commit();
        first.EndTransaction();

        Assert.Equal(seen.Grants.Single().Remaining - 4, await waiting);
    }

    private LedgerStore Store() => new(app.Services.GetRequiredService<LedgerConnections>().OpenForWriter());

    private async Task<(long Account, long Grant)> AccountAsync()
    {
        var user = await app.NewApiUserAsync();
        return await app.WithDbAsync(async db =>
        {
            var account = await db.TokenAccounts.SingleAsync(a => a.UserId == user.UserId);
            return (account.Id, await db.Grants.Where(g => g.AccountId == account.Id).Select(g => g.Id).SingleAsync());
        });
    }
}
