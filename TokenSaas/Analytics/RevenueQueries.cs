using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;
using TokenSaas.Ledger;
using TokenSaas.Payments;
using TokenSaas.Promotions;

namespace TokenSaas.Analytics;

/// <summary>
/// Money over whole days of the site's calendar, summed by the database from payments (indexed by
/// paid_at): a payment counts as gross on the day it succeeded, and (once refunded) as refunded on
/// the day of the refund, its last update (a refunded payment never changes again).
/// </summary>
public sealed class RevenueQueries(AppDbContext db, TokenCalendar calendar)
{
    private static readonly PaymentStatus[] Paid = [PaymentStatus.Succeeded, PaymentStatus.Refunded];

    public async Task<(List<RevenueDay> Days, List<CurrencyFigures> Totals)> RevenueAsync(ReportRange range, CancellationToken cancellationToken)
    {
        var payments = db.Payments.AsNoTracking();
        var calendarDays = new ReportDays(calendar);
        var paid = await calendarDays.PerDayAsync(range, async (start, end, minutes) =>
            (await payments.Where(p => Paid.Contains(p.Status) && p.PaidAt >= start && p.PaidAt < end)
                .GroupBy(p => new { Day = p.PaidAt!.Value.AddMinutes(minutes).Date, p.Currency })
                .Select(g => new { g.Key.Day, g.Key.Currency, Gross = g.Sum(p => p.Amount), Discount = g.Sum(p => p.Discount), Tokens = g.Sum(p => p.Tokens + p.BonusTokens) })
                .ToListAsync(cancellationToken))
            .Select(r => (r.Day, (r.Currency, r.Gross, r.Discount, r.Tokens))).ToList());
        var refunded = await calendarDays.PerDayAsync(range, async (start, end, minutes) =>
            (await payments.Where(p => p.Status == PaymentStatus.Refunded && p.UpdatedAt >= start && p.UpdatedAt < end)
                .GroupBy(p => new { Day = p.UpdatedAt.AddMinutes(minutes).Date, p.Currency })
                .Select(g => new { g.Key.Day, g.Key.Currency, Amount = g.Sum(p => p.Amount) })
                .ToListAsync(cancellationToken))
            .Select(r => (r.Day, (r.Currency, r.Amount))).ToList());

        var (start, end) = Window(range);
        var paying = await payments.Where(p => p.Status == PaymentStatus.Succeeded && p.PaidAt >= start && p.PaidAt < end)
            .Select(p => new { p.Currency, p.UserId }).Distinct()
            .GroupBy(p => p.Currency).Select(g => new { Currency = g.Key, People = g.Count() })
            .ToDictionaryAsync(g => g.Currency, g => g.People, cancellationToken);

        var currencies = paid.Select(p => p.Row.Currency).Concat(refunded.Select(r => r.Row.Currency)).Distinct().Order(StringComparer.Ordinal).ToList();
        var days = new List<RevenueDay>();
        for (var day = range.From; day <= range.To; day = day.AddDays(1))
        {
            foreach (var currency in currencies)
            {
                var inDay = paid.Where(p => p.Day == day && p.Row.Currency == currency).ToList();
                days.Add(new RevenueDay(day, currency, inDay.Sum(p => p.Row.Gross), inDay.Sum(p => p.Row.Discount),
                    refunded.Where(r => r.Day == day && r.Row.Currency == currency).Sum(r => r.Row.Amount)));
            }
        }

        var totals = currencies.Select(c => new CurrencyFigures(c,
                days.Where(d => d.Currency == c).Sum(d => d.Gross), days.Where(d => d.Currency == c).Sum(d => d.Discount),
                days.Where(d => d.Currency == c).Sum(d => d.Refunded), paying.GetValueOrDefault(c),
                paid.Where(p => p.Row.Currency == c).Sum(p => p.Row.Tokens)))
            .ToList();
        return (days, totals);
    }

    /// <summary>People with a payment that succeeded in the range and still stands (not refunded), in any currency.</summary>
    public Task<int> PayingAsync(ReportRange range, CancellationToken cancellationToken)
    {
        var (start, end) = Window(range);
        return db.Payments.Where(p => p.Status == PaymentStatus.Succeeded && p.PaidAt >= start && p.PaidAt < end)
            .Select(p => p.UserId).Distinct().CountAsync(cancellationToken);
    }

    /// <summary>Promotions' uses counted in the range (their payment succeeded; refunded ones freed), per currency.</summary>
    public async Task<List<PromotionFigures>> PromotionsAsync(ReportRange range, CancellationToken cancellationToken)
    {
        var (start, end) = Window(range);
        var rows = await db.Redemptions.AsNoTracking()
            .Where(r => r.Status == RedemptionStatus.Counted && r.CountedAt >= start && r.CountedAt < end)
            .GroupBy(r => new { r.PromotionId, r.Currency })
            .Select(g => new { g.Key.PromotionId, g.Key.Currency, Count = g.LongCount(), Discount = g.Sum(r => r.Discount), Net = g.Sum(r => r.FinalAmount), Tokens = g.Sum(r => r.Tokens) })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.PromotionId).Distinct().ToList();
        var names = await db.Promotions.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        return rows.Select(r => new PromotionFigures(r.PromotionId, names.GetValueOrDefault(r.PromotionId, $"#{r.PromotionId}"), r.Currency, r.Count,
                r.Discount, r.Net, r.Tokens))
            .OrderByDescending(p => p.Redemptions).ThenBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Currency, StringComparer.Ordinal)
            .ToList();
    }

    private (DateTime Start, DateTime End) Window(ReportRange range) => (calendar.StartOf(range.From), calendar.StartOf(range.To.AddDays(1)));
}
