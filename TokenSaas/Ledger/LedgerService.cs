using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TokenSaas.Data;

namespace TokenSaas.Ledger;

/// <summary>
/// The only way balances, grants and ledger entries change. Every operation is keyed so that
/// a retry, a double click or a second app instance cannot apply it twice.
/// </summary>
public sealed class LedgerService(
    AppDbContext db,
    TimeProvider clock,
    IOptions<TokensOptions> options,
    ILogger<LedgerService> logger)
{
    public const string SystemActor = "system";
    private const string WelcomeKey = "welcome";

    /// <summary>
    /// Opens the user's account and credits the welcome bonus, once. Safe to call again or
    /// concurrently: the unique user and idempotency indexes decide who wins.
    /// </summary>
    public async Task<TokenAccount> OpenAccountAsync(string userId, CancellationToken cancellationToken = default)
    {
        var existing = await FindAccountAsync(userId, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var account = new TokenAccount(userId, now);
        db.TokenAccounts.Add(account);
        var bonus = options.Value.WelcomeBonus;
        if (bonus > 0)
        {
            var grant = new Grant(account, GrantBucket.Bonus, bonus, WelcomeKey, now);
            account.Apply(bonus);
            db.Grants.Add(grant);
            db.LedgerEntries.Add(LedgerEntry.ForGrant(account, grant, WelcomeKey, SystemActor, "Welcome bonus"));
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return await FindAccountAsync(userId, cancellationToken)
                ?? throw new InvalidOperationException($"Account for user {userId} vanished after a unique violation.", ex);
        }

        logger.LogInformation("Opened token account {AccountId} for user {UserId} with a welcome bonus of {Bonus}",
            account.Id, userId, bonus);
        return account;
    }

    public async Task<TokenBalance> GetBalanceAsync(string userId, CancellationToken cancellationToken = default)
    {
        var account = await OpenAccountAsync(userId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var buckets = await db.Grants.AsNoTracking()
            .Where(g => g.AccountId == account.Id && g.Remaining > 0 && (g.ExpiresAt == null || g.ExpiresAt > now))
            .GroupBy(g => g.Bucket)
            .Select(g => new { Bucket = g.Key, Remaining = g.Sum(x => x.Remaining) })
            .ToDictionaryAsync(x => x.Bucket, x => x.Remaining, cancellationToken);
        return new TokenBalance(buckets.Values.Sum(), account.Unlimited, buckets);
    }

    /// <summary>The account's latest entries, newest first.</summary>
    public async Task<IReadOnlyList<LedgerEntry>> GetRecentEntriesAsync(string userId, int count,
        CancellationToken cancellationToken = default)
    {
        var account = await OpenAccountAsync(userId, cancellationToken);
        return await db.LedgerEntries.AsNoTracking()
            .Where(e => e.AccountId == account.Id)
            .OrderByDescending(e => e.Id)
            .Take(count)
            .ToListAsync(cancellationToken);
    }

    private Task<TokenAccount?> FindAccountAsync(string userId, CancellationToken cancellationToken) =>
        db.TokenAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.UserId == userId, cancellationToken);
}
