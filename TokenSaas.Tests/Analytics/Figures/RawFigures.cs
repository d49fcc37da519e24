using Microsoft.EntityFrameworkCore;
using TokenSaas.Ledger;
using TokenSaas.Payments;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Analytics.Figures;

/// <summary>The figures summed in memory from every raw row, day by day in the site's zone: what the report must equal.</summary>
public sealed record RawFigures(
    Dictionary<(DateOnly Day, string Currency), (long Gross, long Discount, long Refunded)> Revenue,
    Dictionary<DateOnly, (long Granted, long Spent)> Tokens,
    Dictionary<string, (long Uses, long Tokens, long Cost)> Features,
    (int Registered, int Active, int Paying) Users)
{
    private static readonly LedgerEntryType[] UseTypes = [LedgerEntryType.Spend, LedgerEntryType.Hold];
    private static readonly LedgerEntryType[] UndoTypes = [LedgerEntryType.Release, LedgerEntryType.Refund];

    public static async Task<RawFigures> ReadAsync(TestApp app, TimeZoneInfo zone, DateOnly from, DateOnly to)
    {
        var entries = await app.WithDbAsync(db => db.LedgerEntries.AsNoTracking().ToListAsync());
        var payments = await app.WithDbAsync(db => db.Payments.AsNoTracking().ToListAsync());
        var users = await app.WithDbAsync(db => db.Users.AsNoTracking().Select(u => u.CreatedAt).ToListAsync());
        var costs = await app.WithDbAsync(db => db.Features.AsNoTracking().ToDictionaryAsync(f => f.Key, f => f.CostPerUse ?? 0));
        DateOnly Local(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone));
        bool In(DateTime utc) => Local(utc) >= from && Local(utc) <= to;

        var revenue = new Dictionary<(DateOnly, string), (long, long, long)>();
        foreach (var p in payments)
        {
            if (p.Status is PaymentStatus.Succeeded or PaymentStatus.Refunded && p.PaidAt is { } paid && In(paid))
            {
                var (g, d, r) = revenue.GetValueOrDefault((Local(paid), p.Currency));
                revenue[(Local(paid), p.Currency)] = (g + p.Amount, d + p.Discount, r);
            }

            if (p.Status == PaymentStatus.Refunded && In(p.UpdatedAt))
            {
                var (g, d, r) = revenue.GetValueOrDefault((Local(p.UpdatedAt), p.Currency));
                revenue[(Local(p.UpdatedAt), p.Currency)] = (g, d, r + p.Amount);
            }
        }

        var inRange = entries.Where(e => In(e.CreatedAt)).ToList();
        var counted = inRange.Where(e => e.Feature is not null && (UseTypes.Contains(e.Type) || UndoTypes.Contains(e.Type))).ToList();
        var tokens = inRange.GroupBy(e => Local(e.CreatedAt)).ToDictionary(g => g.Key,
            g => (g.Where(e => e.Type is LedgerEntryType.Grant or LedgerEntryType.DailyReset or LedgerEntryType.PlanReset).Sum(e => e.Amount), -g.Where(counted.Contains).Sum(e => e.Amount)));
        var features = counted.GroupBy(e => e.Feature!).ToDictionary(g => g.Key, g =>
        {
            var uses = g.Sum(e => (UseTypes.Contains(e.Type) ? 1 : -1) * (long)(e.Quantity ?? 0));
            return (uses, -g.Sum(e => e.Amount), uses * costs.GetValueOrDefault(g.Key));
        });
        var end = zone.IsInvalidTime(to.AddDays(1).ToDateTime(TimeOnly.MinValue)) ? DateTime.MaxValue
            : TimeZoneInfo.ConvertTimeToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
        var active = counted.Where(e => UseTypes.Contains(e.Type)).Select(e => e.AccountId).Distinct().Count();
        var paying = payments.Where(p => p.Status == PaymentStatus.Succeeded && p.PaidAt is { } at && In(at)).Select(p => p.UserId).Distinct().Count();
        return new RawFigures(revenue, tokens, features, (users.Count(c => c < end), active, paying));
    }
}
