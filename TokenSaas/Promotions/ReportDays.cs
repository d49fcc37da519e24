using Microsoft.EntityFrameworkCore;
using TokenSaas.Ledger;

namespace TokenSaas.Promotions;

/// <summary>
/// Figures per day of the site's calendar (counted uses here; revenue and usage in Analytics), grouped by the database. Over a stretch of days
/// whose UTC offset does not change, shifting each time by that offset and taking its date gives
/// the local day, so the stretch is one GROUP BY. A day that is not 24 hours long (a daylight-saving
/// change) is queried on its own. Two years in a zone with daylight saving is about ten queries.
/// </summary>
public sealed class ReportDays(TokenCalendar calendar)
{
    public async Task<IReadOnlyList<ReportDay>> SeriesAsync(IQueryable<Redemption> counted, ReportRange range,
        CancellationToken cancellationToken)
    {
        var found = await PerDayAsync(range, async (start, end, minutes) =>
            (await counted.Where(r => r.CountedAt >= start && r.CountedAt < end)
                .GroupBy(r => new { Day = r.CountedAt!.Value.AddMinutes(minutes).Date, r.Currency })
                .Select(g => new { g.Key.Day, g.Key.Currency, Redemptions = g.Count(), Net = g.Sum(r => r.FinalAmount) })
                .ToListAsync(cancellationToken))
            .Select(d => (d.Day, (d.Currency, d.Redemptions, d.Net))).ToList());

        var series = new List<ReportDay>(range.Days);
        for (var day = range.From; day <= range.To; day = day.AddDays(1))
        {
            var rows = found.Where(f => f.Day == day).Select(f => f.Row).ToList();
            series.Add(new ReportDay(day, rows.Sum(r => (long)r.Redemptions),
                rows.Where(r => r.Currency is not null).GroupBy(r => r.Currency!).ToDictionary(g => g.Key, g => g.Sum(r => r.Net))));
        }

        return series;
    }

    /// <summary>
    /// Runs <paramref name="query"/> once per run of days with one UTC offset (given the window's
    /// instants and the minutes that turn UTC into local time) and names each row's local day; a
    /// day of its own (a daylight-saving change) is that day, whatever the shifted date says.
    /// </summary>
    public async Task<List<(DateOnly Day, T Row)>> PerDayAsync<T>(ReportRange days,
        Func<DateTime, DateTime, double, Task<List<(DateTime Day, T Row)>>> query)
    {
        var found = new List<(DateOnly, T)>();
        foreach (var (first, last, shift) in Stretches(days))
        {
            var rows = await query(calendar.StartOf(first), calendar.StartOf(last.AddDays(1)), shift ?? 0);
            found.AddRange(rows.Select(r => (shift is null ? first : DateOnly.FromDateTime(r.Day), r.Row)));
        }

        return found;
    }

    /// <summary>Runs of whole days with one UTC offset (the minutes to add to UTC), and days of their own (no offset) where it changes.</summary>
    private IEnumerable<(DateOnly First, DateOnly Last, double? Shift)> Stretches(ReportRange range)
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
