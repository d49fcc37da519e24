using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;
using TokenSaas.Ledger;
using TokenSaas.Promotions;

namespace TokenSaas.Analytics;

/// <summary>Ledger entries of one day summed by type, bucket and feature: the shape of <see cref="UsageDay"/>, whether read from it or from the ledger.</summary>
public sealed record UsageRow(DateOnly Day, string Type, string Bucket, string Feature, long Entries, long Tokens, long Uses);

/// <summary>
/// Reads the ledger per day of the site's calendar, grouped by the database (see <see cref="ReportDays"/>
/// for why a run of days with one UTC offset is one GROUP BY). The rollup writes what this reads for a
/// closed day, and the figures read it for the days not rolled yet, so both always agree.
/// </summary>
public sealed class UsageCounts(AppDbContext db, TokenCalendar calendar)
{
    /// <summary>Entries that count as using a feature: paid now (spend) or reserved for a run (hold).</summary>
    public static readonly LedgerEntryType[] Uses = [LedgerEntryType.Spend, LedgerEntryType.Hold];

    /// <summary>Entries that undo a use: a refunded spend, a released (failed or timed-out) hold.</summary>
    public static readonly LedgerEntryType[] Undos = [LedgerEntryType.Release, LedgerEntryType.Refund];

    /// <summary>Entries that credit a new grant: an admin's or a payment's, the daily allowance, a month's plan quota (not gifts, which move tokens between people).</summary>
    public static readonly LedgerEntryType[] Grants = [LedgerEntryType.Grant, LedgerEntryType.DailyReset, LedgerEntryType.PlanReset];

    public static string Text(LedgerEntryType type) => SnakeCaseEnumConverter<LedgerEntryType>.ToSnakeCase(type);

    public static string Text(GrantBucket bucket) => SnakeCaseEnumConverter<GrantBucket>.ToSnakeCase(bucket);

    public async Task<List<UsageRow>> FromLedgerAsync(ReportRange days, CancellationToken cancellationToken)
    {
        var found = await new ReportDays(calendar).PerDayAsync(days, async (start, end, minutes) =>
            (await db.LedgerEntries.AsNoTracking().Where(e => e.CreatedAt >= start && e.CreatedAt < end)
                .GroupBy(e => new { Day = e.CreatedAt.AddMinutes(minutes).Date, e.Type, e.Bucket, e.Feature })
                .Select(g => new
                {
                    g.Key.Day, g.Key.Type, g.Key.Bucket, g.Key.Feature, Entries = g.LongCount(), Tokens = g.Sum(e => e.Amount),
                    Uses = g.Sum(e => (long)(e.Quantity ?? 0)),
                })
                .ToListAsync(cancellationToken))
            .Select(r => (r.Day, new UsageRow(default, Text(r.Type), r.Bucket is { } b ? Text(b) : "", r.Feature ?? "", r.Entries, r.Tokens, r.Uses)))
            .ToList());
        return found.Select(f => f.Row with { Day = f.Day })
            .GroupBy(r => (r.Day, r.Type, r.Bucket, r.Feature))
            .Select(g => new UsageRow(g.Key.Day, g.Key.Type, g.Key.Bucket, g.Key.Feature, g.Sum(r => r.Entries), g.Sum(r => r.Tokens), g.Sum(r => r.Uses)))
            .ToList();
    }

    /// <summary>The accounts that used a feature between two instants (spent or reserved tokens for it).</summary>
    public IQueryable<long> ActiveAccounts(DateTime start, DateTime end) =>
        db.LedgerEntries.Where(e => e.CreatedAt >= start && e.CreatedAt < end && e.Feature != null && Uses.Contains(e.Type))
            .Select(e => e.AccountId);
}
