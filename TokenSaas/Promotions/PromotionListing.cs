using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;

namespace TokenSaas.Promotions;

/// <summary>The list's filters: a status, a type, and text found in the name or the code. Null or empty: any.</summary>
public sealed record PromotionFilter(PromotionStatus? Status = null, PromotionType? Type = null, string? Query = null);

/// <summary>The admin's view of promotions: the list with each one's numbers, one promotion, its latest uses.</summary>
public sealed class PromotionListing(AppDbContext db, TimeProvider clock)
{
    public const int LatestRedemptions = 50;

    public async Task<IReadOnlyList<PromotionView>> ListAsync(PromotionFilter filter, CancellationToken cancellationToken)
    {
        var promotions = db.Promotions.AsNoTracking();
        if (filter.Type is { } type)
        {
            promotions = promotions.Where(p => p.Type == type);
        }

        if (filter.Query?.Trim() is { Length: > 0 } text)
        {
            var lower = text.ToLowerInvariant();
            var code = PromotionCode.Normalize(text);
            var byCode = db.PromotionCodes.Where(c => c.Code == code).Select(c => c.PromotionId);
            promotions = promotions.Where(p => p.Name.ToLower().Contains(lower) || (p.Code != null && p.Code.Contains(code)) || byCode.Contains(p.Id));
        }

        var list = await promotions.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (filter.Status is { } status)
        {
            list = list.Where(p => p.StatusAt(now) == status).ToList();
        }

        var totals = await TotalsAsync(list.Select(p => p.Id).ToList(), cancellationToken);
        return list.Select(p => PromotionView.Of(p, totals.GetValueOrDefault(p.Id) ?? PromotionTotals.None, now)).ToList();
    }

    public async Task<PromotionView?> FindAsync(long id, CancellationToken cancellationToken)
    {
        if (await db.Promotions.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken) is not { } promotion)
        {
            return null;
        }

        var totals = await TotalsAsync([id], cancellationToken);
        return PromotionView.Of(promotion, totals.GetValueOrDefault(id) ?? PromotionTotals.None, clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>The latest uses of a promotion, newest first, with the user's email.</summary>
    public async Task<IReadOnlyList<RedemptionRow>> LatestAsync(long id, CancellationToken cancellationToken)
    {
        var rows = await db.Redemptions.AsNoTracking().Where(r => r.PromotionId == id)
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Take(LatestRedemptions)
            .ToListAsync(cancellationToken);
        var userIds = rows.Select(r => r.UserId).Distinct().ToList();
        var emails = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, cancellationToken);
        return rows.Select(r => new RedemptionRow(r.Id, emails.GetValueOrDefault(r.UserId), r.Code, r.Variant, r.ListAmount, r.Discount,
            r.FinalAmount, r.Currency, r.Tokens, r.Status, DateTime.SpecifyKind(r.CreatedAt, DateTimeKind.Utc), r.Ip)).ToList();
    }

    private async Task<Dictionary<long, PromotionTotals>> TotalsAsync(List<long> ids, CancellationToken cancellationToken)
    {
        var rows = await db.Redemptions.AsNoTracking()
            .Where(r => ids.Contains(r.PromotionId) && r.Status == RedemptionStatus.Counted)
            .GroupBy(r => new { r.PromotionId, r.Currency })
            .Select(g => new { g.Key.PromotionId, g.Key.Currency, Net = g.Sum(r => r.FinalAmount), Discount = g.Sum(r => r.Discount), Tokens = g.Sum(r => r.Tokens) })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.PromotionId).ToDictionary(g => g.Key, g =>
        {
            var money = g.Where(r => r.Currency != null).ToList();
            return new PromotionTotals(money.ToDictionary(r => r.Currency!, r => r.Net), money.ToDictionary(r => r.Currency!, r => r.Discount),
                g.Sum(r => r.Tokens));
        });
    }
}
