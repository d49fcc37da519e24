using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TokenSaas.Data;
using TokenSaas.Ledger;
using TokenSaas.Payments;

namespace TokenSaas.Analytics;

/// <summary>A figure that crossed its line: what an episode records.</summary>
public sealed record AlertFinding(string Window, long Observed, long Threshold, string Detail);

/// <summary>
/// The rules: is a user's spend in the last hour (or 24 hours) unusual against their own trailing
/// rate, and are failed payments in the last hour unusual against theirs? "Spent" is what the
/// user's dashboard counts (<see cref="SpendingReport.Counted"/>): spends and holds less refunds
/// and releases, so a paid studio run (hold + capture) counts once and a failed one not at all.
/// </summary>
public sealed class AlertRules(AppDbContext db, TimeProvider clock, IOptions<AlertsOptions> options)
{
    public const string Hour = "hour";
    public const string Day = "day";

    /// <summary>How far back the minute job looks for users to check (besides those with an open episode).</summary>
    public static readonly TimeSpan RecentSpend = TimeSpan.FromMinutes(5);

    private AlertsOptions Options => options.Value;

    /// <summary>The finding for each user whose spend is unusual at <paramref name="now"/>; users not in the answer are within their usual range.</summary>
    public async Task<Dictionary<string, AlertFinding>> SpendAsync(IReadOnlyCollection<string> userIds, DateTime now,
        CancellationToken cancellationToken)
    {
        var (hourStart, dayStart) = (now.AddHours(-1), now.AddDays(-1));
        var baseline = TimeSpan.FromDays(Options.BaselineDays);
        var (hourBaseStart, dayBaseStart) = (hourStart - baseline, dayStart - baseline);
        var accounts = await db.TokenAccounts.AsNoTracking().Where(a => userIds.Contains(a.UserId))
            .Select(a => new { a.Id, a.UserId }).ToDictionaryAsync(a => a.Id, a => a.UserId, cancellationToken);
        var ids = accounts.Keys.ToList();
        var counted = SpendingReport.Counted;
        var figures = await db.LedgerEntries.AsNoTracking()
            // Bounded by now too: a check that read the clock a moment ago must not count what was spent since.
            .Where(e => ids.Contains(e.AccountId) && e.CreatedAt > dayBaseStart && e.CreatedAt <= now && e.Feature != null
                        && counted.Contains(e.Type))
            .GroupBy(e => e.AccountId)
            .Select(g => new
            {
                Account = g.Key,
                LastHour = -g.Sum(e => e.CreatedAt > hourStart ? e.Amount : 0),
                HourBase = -g.Sum(e => e.CreatedAt > hourBaseStart && e.CreatedAt <= hourStart ? e.Amount : 0),
                LastDay = -g.Sum(e => e.CreatedAt > dayStart ? e.Amount : 0),
                DayBase = -g.Sum(e => e.CreatedAt <= dayStart ? e.Amount : 0),
            })
            .ToListAsync(cancellationToken);
        var findings = new Dictionary<string, AlertFinding>();
        foreach (var f in figures)
        {
            var hourly = Judge(Hour, f.LastHour, (double)Math.Max(0, f.HourBase) / (Options.BaselineDays * 24), Options.SpendFactor,
                Options.HourlySpendFloor, SpendDetail);
            var daily = Judge(Day, f.LastDay, (double)Math.Max(0, f.DayBase) / Options.BaselineDays, Options.SpendFactor,
                Options.DailySpendFloor, SpendDetail);
            if ((hourly ?? daily) is { } finding)
            {
                findings[accounts[f.Account]] = finding;
            }
        }

        return findings;
    }

    /// <summary>The finding when failed payments in the hour to <paramref name="now"/> are unusual, else null.</summary>
    public async Task<AlertFinding?> FailedPaymentsAsync(DateTime now, CancellationToken cancellationToken)
    {
        var hourStart = now.AddHours(-1);
        var since = hourStart.AddDays(-Options.BaselineDays);
        // By when the payment was started (indexed): a checkout fails minutes after it opens, not hours.
        var failed = db.Payments.AsNoTracking().Where(p => p.Status == PaymentStatus.Failed && p.CreatedAt > since && p.CreatedAt <= now);
        var lastHour = await failed.CountAsync(p => p.CreatedAt > hourStart, cancellationToken);
        var before = await failed.CountAsync(p => p.CreatedAt <= hourStart, cancellationToken);
        return Judge(Hour, lastHour, (double)before / (Options.BaselineDays * 24), Options.FailedPaymentsFactor,
            Options.FailedPaymentsFloor, PaymentsDetail);
    }

    /// <summary>Users with a spend in the last few minutes: the ones whose figures can have moved up.</summary>
    public async Task<List<string>> RecentSpendersAsync(CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow().UtcDateTime - RecentSpend;
        var counted = SpendingReport.Counted;
        var recent = db.LedgerEntries.Where(e => e.CreatedAt >= since && e.Feature != null && counted.Contains(e.Type))
            .Select(e => e.AccountId).Distinct();
        return await db.TokenAccounts.AsNoTracking().Where(a => recent.Contains(a.Id)).Select(a => a.UserId).ToListAsync(cancellationToken);
    }

    /// <summary>Above both the factor times the usual rate and the floor; the threshold shown is the higher of the two.</summary>
    public static AlertFinding? Judge(string window, long observed, double usual, double factor, long floor,
        Func<string, long, double, string> detail)
    {
        if (observed <= floor || observed <= factor * usual)
        {
            return null;
        }

        var threshold = Math.Max(floor, (long)Math.Ceiling(factor * usual));
        return new AlertFinding(window, observed, threshold, detail(window, observed, usual));
    }

    private static string SpendDetail(string window, long observed, double usual) =>
        $"Spent {observed:N0} tokens in the last {window}, " + (usual < 0.5
            ? "where they usually spend almost none."
            : $"{observed / usual:0.#}× their usual {usual:N0} per {window}.");

    private static string PaymentsDetail(string window, long observed, double usual) =>
        $"{observed:N0} payments failed in the last {window}, " + (usual < 0.05
            ? "where almost none usually do."
            : $"{observed / usual:0.#}× the usual {usual:0.#} per {window}.");
}
