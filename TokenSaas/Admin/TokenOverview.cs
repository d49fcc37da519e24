using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;
using TokenSaas.Ledger;

namespace TokenSaas.Admin;

public sealed record DayTotals(string Date, long Granted, long Spent);

public sealed record FeatureTotals(string Feature, long Uses, long Tokens);

/// <summary>Seed 002's token overview: accounts, tokens outstanding by bucket, and what was granted and spent over a range.</summary>
public sealed record TokenTotals(int Accounts, int UnlimitedAccounts, IReadOnlyDictionary<GrantBucket, long> Outstanding,
    long Granted, long Spent, IReadOnlyList<DayTotals> ByDay, IReadOnlyList<FeatureTotals> ByFeature);

/// <summary>
/// Totals over whole local days of the site's time zone. Each day is one indexed range query on
/// the entries' time; the analytics issue replaces this with daily aggregate rows.
/// </summary>
public sealed class TokenOverview(AppDbContext db, TokenCalendar calendar, TimeProvider clock)
{
    public const int MaxDays = 366;

    private static readonly LedgerEntryType[] Credits = [LedgerEntryType.Grant, LedgerEntryType.DailyReset, LedgerEntryType.PlanReset];
    private static readonly LedgerEntryType[] Spending =
        [LedgerEntryType.Spend, LedgerEntryType.Hold, LedgerEntryType.Release, LedgerEntryType.Refund];

    /// <summary>The range as typed (yyyy-MM-dd, inclusive, site time zone); by default the last 30 days.</summary>
    public (DateOnly From, DateOnly To)? Range(string? from, string? to, out string? error)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, calendar.Zone));
        error = null;
        if (!Parse(to, today, out var end) || !Parse(from, end.AddDays(-29), out var start))
        {
            error = "from and to must be dates like 2026-11-21";
            return null;
        }

        if (start > end)
        {
            error = "from must be on or before to";
            return null;
        }

        if (end.DayNumber - start.DayNumber >= MaxDays)
        {
            error = $"the range may be at most {MaxDays} days";
            return null;
        }

        return (start, end);

        static bool Parse(string? text, DateOnly fallback, out DateOnly value)
        {
            value = fallback;
            return string.IsNullOrEmpty(text)
                || DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
        }
    }

    public async Task<TokenTotals> GetAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var accounts = await db.TokenAccounts.CountAsync(cancellationToken);
        var unlimited = await db.TokenAccounts.CountAsync(a => a.Unlimited, cancellationToken);
        var outstanding = await db.Grants.Where(g => g.Remaining > 0 && (g.ExpiresAt == null || g.ExpiresAt > now))
            .GroupBy(g => g.Bucket).Select(g => new { g.Key, Total = g.Sum(x => x.Remaining) })
            .ToDictionaryAsync(x => x.Key, x => x.Total, cancellationToken);
        var days = new List<DayTotals>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var (start, end) = (Start(day), Start(day.AddDays(1)));
            var totals = await db.LedgerEntries.Where(e => e.CreatedAt >= start && e.CreatedAt < end)
                .GroupBy(e => 1)
                .Select(g => new
                {
                    Granted = g.Sum(e => Credits.Contains(e.Type) || (e.Type == LedgerEntryType.Adjust && e.Amount > 0) ? e.Amount : 0),
                    Spent = g.Sum(e => Spending.Contains(e.Type) ? -e.Amount : 0),
                })
                .SingleOrDefaultAsync(cancellationToken);
            days.Add(new DayTotals(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), totals?.Granted ?? 0, totals?.Spent ?? 0));
        }

        var (rangeStart, rangeEnd) = (Start(from), Start(to.AddDays(1)));
        var features = await db.LedgerEntries
            .Where(e => e.CreatedAt >= rangeStart && e.CreatedAt < rangeEnd && e.Feature != null && Spending.Contains(e.Type))
            .GroupBy(e => e.Feature!)
            .Select(g => new FeatureTotals(g.Key,
                g.Sum(e => e.Type == LedgerEntryType.Spend || e.Type == LedgerEntryType.Hold ? 1 : 0), g.Sum(e => -e.Amount)))
            .ToListAsync(cancellationToken);
        return new TokenTotals(accounts, unlimited, Enum.GetValues<GrantBucket>().ToDictionary(b => b, b => outstanding.GetValueOrDefault(b)),
            days.Sum(d => d.Granted), days.Sum(d => d.Spent), days,
            features.OrderByDescending(f => f.Tokens).ThenByDescending(f => f.Uses).ThenBy(f => f.Feature).ToList());
    }

    private DateTime Start(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue), DateTimeKind.Unspecified), calendar.Zone);
}
