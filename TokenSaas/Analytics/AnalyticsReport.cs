using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TokenSaas.Data;
using TokenSaas.Ledger;
using TokenSaas.Promotions;

namespace TokenSaas.Analytics;

/// <summary>
/// SPEC 10.6's figures for a range. Token figures read the rollup for rolled days and the ledger for
/// the rest (today, and any closed day the job has not reached), in the same shape, so the answer
/// is the same either way; money reads payments (indexed by paid_at), a far smaller table.
/// </summary>
public sealed class AnalyticsReport(AppDbContext db, UsageCounts counts, RevenueQueries revenue, TokenCalendar calendar,
    TimeProvider clock, IOptions<AnalyticsOptions> options)
{
    /// <summary>Today in the site's time zone.</summary>
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, calendar.Zone));

    public async Task<AnalyticsAnswer> GetAsync(string? from, string? to, CancellationToken cancellationToken)
    {
        var (range, error) = ReportRange.Parse(from, to, Today);
        return range is null ? new AnalyticsAnswer(null, error) : new AnalyticsAnswer(await BuildAsync(range, cancellationToken), null, range);
    }

    public async Task<AnalyticsFigures> BuildAsync(ReportRange range, CancellationToken cancellationToken)
    {
        var (start, end) = (calendar.StartOf(range.From), calendar.StartOf(range.To.AddDays(1)));
        var rolled = (await db.RolledDays.AsNoTracking().Where(r => r.Day >= range.From && r.Day <= range.To).Select(r => r.Day)
            .ToListAsync(cancellationToken)).ToHashSet();
        var usage = await db.UsageDays.AsNoTracking().Where(u => u.Day >= range.From && u.Day <= range.To)
            .Select(u => new UsageRow(u.Day, u.Type, u.Bucket, u.Feature, u.Entries, u.Tokens, u.Uses))
            .ToListAsync(cancellationToken);
        var unrolled = Unrolled(range, rolled);
        foreach (var run in unrolled)
        {
            usage.AddRange(await counts.FromLedgerAsync(run, cancellationToken));
        }

        var active = db.ActiveDays.Where(a => a.Day >= range.From && a.Day <= range.To).Select(a => a.AccountId);
        foreach (var run in unrolled)
        {
            active = active.Union(counts.ActiveAccounts(calendar.StartOf(run.From), calendar.StartOf(run.To.AddDays(1))));
        }

        var users = new UserFigures(
            await db.Users.CountAsync(u => u.CreatedAt < end, cancellationToken),
            await db.Users.CountAsync(u => u.CreatedAt >= start && u.CreatedAt < end, cancellationToken),
            await active.Distinct().CountAsync(cancellationToken),
            await revenue.PayingAsync(range, cancellationToken));
        var (days, totals) = await revenue.RevenueAsync(range, cancellationToken);
        var currency = options.Value.Currency;
        var rpt = totals.FirstOrDefault(t => t.Currency == currency) is { TokensSold: > 0 } sold ? (decimal)sold.Net / sold.TokensSold : (decimal?)null;
        var features = await FeaturesAsync(usage, rpt, cancellationToken);
        return new AnalyticsFigures(range, currency, totals.Select(t => t.Currency).ToList(), days, TokenDays(range, usage), features, totals, users,
            await revenue.PromotionsAsync(range, cancellationToken), rpt);
    }

    /// <summary>The range's top spenders (net tokens spent on features), read from the ledger: the rollup keeps no per-person sums.</summary>
    public async Task<IReadOnlyList<TopSpender>> TopSpendersAsync(ReportRange range, int count, CancellationToken cancellationToken)
    {
        var (start, end) = (calendar.StartOf(range.From), calendar.StartOf(range.To.AddDays(1)));
        var counted = UsageCounts.Uses.Concat(UsageCounts.Undos).ToArray();
        var top = await db.LedgerEntries.AsNoTracking()
            .Where(e => e.CreatedAt >= start && e.CreatedAt < end && e.Feature != null && counted.Contains(e.Type))
            .GroupBy(e => e.AccountId)
            .Select(g => new { AccountId = g.Key, Tokens = -g.Sum(e => e.Amount), Uses = g.Sum(e => e.Type == LedgerEntryType.Spend || e.Type == LedgerEntryType.Hold ? (long)(e.Quantity ?? 0) : -(long)(e.Quantity ?? 0)) })
            .Where(g => g.Tokens > 0)
            .OrderByDescending(g => g.Tokens).ThenBy(g => g.AccountId).Take(count)
            .ToListAsync(cancellationToken);
        var ids = top.Select(t => t.AccountId).ToList();
        var people = await (from a in db.TokenAccounts where ids.Contains(a.Id) join u in db.Users on a.UserId equals u.Id select new { a.Id, u.Email, UserId = u.Id })
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        return top.Where(t => people.ContainsKey(t.AccountId))
            .Select(t => new TopSpender(people[t.AccountId].UserId, people[t.AccountId].Email ?? "", t.Tokens, t.Uses)).ToList();
    }

    /// <summary>Runs of days in the range with no rollup.</summary>
    private static List<ReportRange> Unrolled(ReportRange range, HashSet<DateOnly> rolled)
    {
        var runs = new List<ReportRange>();
        DateOnly? open = null;
        for (var day = range.From; day <= range.To.AddDays(1); day = day.AddDays(1))
        {
            var missing = day <= range.To && !rolled.Contains(day);
            if (missing && open is null)
            {
                open = day;
            }
            else if (!missing && open is { } first)
            {
                runs.Add(new ReportRange(first, day.AddDays(-1)));
                open = null;
            }
        }

        return runs;
    }

    private static readonly string[] UseTypes = UsageCounts.Uses.Select(UsageCounts.Text).ToArray();
    private static readonly string[] UndoTypes = UsageCounts.Undos.Select(UsageCounts.Text).ToArray();
    private static readonly string[] GrantTypes = UsageCounts.Grants.Select(UsageCounts.Text).ToArray();

    private static bool Counted(UsageRow r) => r.Feature != "" && (UseTypes.Contains(r.Type) || UndoTypes.Contains(r.Type));

    private static List<TokenDay> TokenDays(ReportRange range, List<UsageRow> usage)
    {
        var byDay = usage.ToLookup(r => r.Day);
        var days = new List<TokenDay>(range.Days);
        for (var day = range.From; day <= range.To; day = day.AddDays(1))
        {
            var rows = byDay[day].ToList();
            var granted = rows.Where(r => GrantTypes.Contains(r.Type)).GroupBy(r => r.Bucket == "" ? "other" : r.Bucket)
                .ToDictionary(g => g.Key, g => g.Sum(r => r.Tokens));
            days.Add(new TokenDay(day, granted, -rows.Where(Counted).Sum(r => r.Tokens)));
        }

        return days;
    }

    private async Task<List<FeatureFigures>> FeaturesAsync(List<UsageRow> usage, decimal? revenuePerToken, CancellationToken cancellationToken)
    {
        var costs = await db.Features.AsNoTracking().ToDictionaryAsync(f => f.Key, f => f.CostPerUse, cancellationToken);
        return usage.Where(Counted).GroupBy(r => r.Feature)
            .Select(g =>
            {
                var uses = g.Sum(r => UseTypes.Contains(r.Type) ? r.Uses : -r.Uses);
                var tokens = -g.Sum(r => r.Tokens);
                var perUse = costs.GetValueOrDefault(g.Key);
                var earned = (long)Math.Round(tokens * (revenuePerToken ?? 0), MidpointRounding.AwayFromZero);
                return new FeatureFigures(g.Key, uses, tokens, perUse, uses * (perUse ?? 0), earned);
            })
            .Where(f => f.Uses != 0 || f.Tokens != 0)
            .OrderByDescending(f => f.Tokens).ThenBy(f => f.Feature, StringComparer.Ordinal)
            .ToList();
    }
}
