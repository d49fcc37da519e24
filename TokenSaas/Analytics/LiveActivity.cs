using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;
using TokenSaas.Ledger;

namespace TokenSaas.Analytics;

/// <summary>A ledger event as an admin reads it: who, what, when.</summary>
public sealed record ActivityLine(long EntryId, string? UserId, string Who, string What, DateTime At);

/// <summary>What the overview refreshes every few seconds: tokens spent in the last hour and the latest ledger events.</summary>
public sealed record LiveFigures(long SpentLastHour, long UsesLastHour, IReadOnlyList<ActivityLine> Recent, DateTime At);

public sealed class LiveActivity(AppDbContext db, TimeProvider clock)
{
    public async Task<LiveFigures> GetAsync(int count, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now.AddHours(-1);
        var counted = UsageCounts.Uses.Concat(UsageCounts.Undos).ToArray();
        var hour = await db.LedgerEntries.AsNoTracking()
            .Where(e => e.CreatedAt >= since && e.Feature != null && counted.Contains(e.Type))
            .GroupBy(e => 1)
            .Select(g => new
            {
                Tokens = -g.Sum(e => e.Amount),
                Uses = g.Sum(e => e.Type == LedgerEntryType.Spend || e.Type == LedgerEntryType.Hold ? (long)(e.Quantity ?? 0) : -(long)(e.Quantity ?? 0)),
            })
            .SingleOrDefaultAsync(cancellationToken);
        var recent = await (from e in db.LedgerEntries.AsNoTracking()
                            join a in db.TokenAccounts on e.AccountId equals a.Id
                            join u in db.Users on a.UserId equals u.Id into people
                            from u in people.DefaultIfEmpty()
                            orderby e.Id descending
                            select new { e.Id, e.Type, e.Amount, e.Feature, e.Quantity, e.Bucket, e.Description, e.CreatedAt, a.UserId, u.Email })
            .Take(count).ToListAsync(cancellationToken);
        return new LiveFigures(hour?.Tokens ?? 0, hour?.Uses ?? 0,
            recent.OrderByDescending(r => r.Id)
                .Select(r => new ActivityLine(r.Id, r.UserId, r.Email ?? r.UserId, Words(r.Type, r.Amount, r.Feature, r.Quantity, r.Bucket, r.Description), r.CreatedAt))
                .ToList(),
            now);
    }

    private static string Words(LedgerEntryType type, long amount, string? feature, int? quantity, GrantBucket? bucket, string description)
    {
        var tokens = $"{Math.Abs(amount):N0} token{(Math.Abs(amount) == 1 ? "" : "s")}";
        var times = quantity is > 1 ? $" × {quantity}" : "";
        return type switch
        {
            LedgerEntryType.Spend => $"spent {tokens} on {feature}{times}",
            LedgerEntryType.Hold => $"reserved {tokens} for {feature}{times}",
            LedgerEntryType.Capture => $"was charged the tokens reserved for {feature}",
            LedgerEntryType.Release => $"got {tokens} back: {feature} did not run",
            LedgerEntryType.Refund => $"was refunded {tokens} for {feature}",
            LedgerEntryType.Grant or LedgerEntryType.DailyReset or LedgerEntryType.PlanReset => $"received {tokens}{(bucket is { } b ? $" ({UsageCounts.Text(b)})" : "")}",
            LedgerEntryType.Expire => $"lost {tokens} that expired",
            _ => $"{description} ({(amount >= 0 ? "+" : "−")}{tokens})",
        };
    }
}
