using Microsoft.EntityFrameworkCore;
using TokenSaas.Ledger;

namespace TokenSaas.Promotions;

/// <summary>
/// Counted uses per day of the site's calendar, grouped by the database. Over a stretch of days
/// whose UTC offset does not change, shifting each time by that offset and taking its date gives
/// the local day, so the stretch is one GROUP BY. A day that is not 24 hours long (a daylight-saving
/// change) is queried on its own. Two years in a zone with daylight saving is about ten queries.
/// </summary>
public sealed class ReportDays(TokenCalendar calendar)
{
    public async Task<IReadOnlyList<ReportDay>> SeriesAsync(IQueryable<Redemption> counted, ReportRange range,
        CancellationToken cancellationToken)
    {
        var found = new List<(DateOnly Day, string? Currency, int Redemptions, long Net)>();
        foreach (var (first, last, shift) in Stretches(range))
        {
            var (start, end) = (calendar.StartOf(first), calendar.StartOf(last.AddDays(1)));
            var inStretch = counted.Where(r => r.CountedAt >= start && r.CountedAt < end);
            if (shift is { } minutes)
            {
                var days = await inStretch.GroupBy(r => new { Day = r.CountedAt!.Value.AddMinutes(minutes).Date, r.Currency })
                    .Select(g => new { g.Key.Day, g.Key.Currency, Redemptions = g.Count(), Net = g.Sum(r => r.FinalAmount) })
                    .ToListAsync(cancellationToken);
                found.AddRange(days.Select(d => (DateOnly.FromDateTime(d.Day), d.Currency, d.Redemptions, d.Net)));
            }
            else
            {
                var day = await inStretch.GroupBy(r => r.Currency)
                    .Select(g => new { Currency = g.Key, Redemptions = g.Count(), Net = g.Sum(r => r.FinalAmount) })
                    .ToListAsync(cancellationToken);
                found.AddRange(day.Select(d => (first, d.Currency, d.Redemptions, d.Net)));
            }
        }

        var series = new List<ReportDay>(range.Days);
        for (var day = range.From; day <= range.To; day = day.AddDays(1))
        {
            var rows = found.Where(f => f.Day == day).ToList();
            series.Add(new ReportDay(day, rows.Sum(r => (long)r.Redemptions),
                rows.Where(r => r.Currency is not null).ToDictionary(r => r.Currency!, r => r.Net)));
        }

        return series;
    }

    /// <summary>Runs of whole days with one UTC offset (the minutes to add to UTC), and days of their own (no offset) where it changes.</summary>
    public IEnumerable<(DateOnly First, DateOnly Last, double? Shift)> Stretches(ReportRange range)
    {
        (DateOnly First, DateOnly Last, double? Shift)? open = null;
        for (var day = range.From; day <= range.To; day = day.AddDays(1))
        {
            var start = calendar.StartOf(day);
            double? shift = calendar.StartOf(day.AddDays(1)) - start == TimeSpan.FromDays(1)
                ? (day.ToDateTime(TimeOnly.MinValue) - start).TotalMinutes
                : null;
            if (open is { } run && shift is not null && run.Shift == shift)
            {
                open = run with { Last = day };
                continue;
            }

            if (open is { } done)
            {
                yield return done;
            }

            open = (day, day, shift);
        }

        if (open is { } final)
        {
            yield return final;
        }
    }
}
