using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;

namespace TokenSaas.Ledger;

/// <summary>Net tokens spent per feature and per day over a window (spends, holds, less refunds and releases).</summary>
public sealed record Spending(IReadOnlyList<(string Feature, long Tokens)> ByFeature, IReadOnlyList<(DateOnly Day, long Tokens)> ByDay);

public sealed class SpendingReport(AppDbContext db, TimeProvider clock)
{
    /// <summary>What "spent" nets: spends and holds, less refunds and releases (a captured hold stays spent).</summary>
    public static readonly LedgerEntryType[] Counted =
        [LedgerEntryType.Spend, LedgerEntryType.Hold, LedgerEntryType.Release, LedgerEntryType.Refund];

    public async Task<Spending> GetAsync(string userId, int days, CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var since = today.AddDays(1 - days).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var entries = await db.LedgerEntries.AsNoTracking()
            .Where(e => db.TokenAccounts.Any(a => a.Id == e.AccountId && a.UserId == userId)
                        && e.CreatedAt >= since && e.Feature != null && Counted.Contains(e.Type))
            .Select(e => new { e.Feature, e.Amount, e.CreatedAt })
            .ToListAsync(cancellationToken);
        var byFeature = entries.GroupBy(e => e.Feature!).Select(g => (g.Key, -g.Sum(e => e.Amount)))
            .Where(p => p.Item2 > 0).OrderByDescending(p => p.Item2).ToList();
        var perDay = entries.GroupBy(e => DateOnly.FromDateTime(e.CreatedAt)).ToDictionary(g => g.Key, g => -g.Sum(e => e.Amount));
        var byDay = Enumerable.Range(0, days).Select(i => today.AddDays(i - days + 1))
            .Select(d => (d, Math.Max(0, perDay.GetValueOrDefault(d)))).ToList();
        return new Spending(byFeature, byDay);
    }
}
