using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Data;
using TokenSaas.Ledger;
using TokenSaas.Ledger.Writing;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Ledger;

/// <summary>
/// The interleaving that another app instance (or another writer lane) can cause, forced step
/// by step on PostgreSQL: a writer that read an account before someone else changed it must
/// not write over that change. (On SQLite a writer holds the database's write lock from BEGIN
/// IMMEDIATE, so this interleaving cannot happen there.)
/// </summary>
public sealed class ConditionalWriteTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    [Fact]
    public async Task A_debit_planned_on_a_stale_read_takes_nothing()
    {
        var (account, grant) = await AccountAsync();
        using var slow = Store();
        using var fast = Store();

        using var slowTransaction = slow.Begin();
        var seen = slow.ReadAccount(account, "k-slow");
        using (var fastTransaction = fast.Begin())
        {
            Assert.True(fast.TakeFromGrant(grant, 10));
            fastTransaction.Commit();
        }

        Assert.Equal(10, seen.Grants.Single().Remaining);
        Assert.False(slow.TakeFromGrant(grant, 10));
    }

    [Fact]
    public async Task A_balance_moved_by_someone_else_is_not_overwritten()
    {
        var (account, _) = await AccountAsync();
        using var slow = Store();
        using var fast = Store();

        using var slowTransaction = slow.Begin();
        var seen = slow.ReadAccount(account, "k-slow");
        using (var fastTransaction = fast.Begin())
        {
            fast.Append(new NewEntry(account, LedgerEntryType.Adjust, -1, "k-fast", "test", "elsewhere", DateTime.UtcNow));
            fastTransaction.Commit();
        }

        Assert.Throws<ConcurrentWriteException>(() =>
            slow.Append(new NewEntry(account, LedgerEntryType.Adjust, -1, "k-slow", "test", "stale", DateTime.UtcNow), seen.Balance));
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
