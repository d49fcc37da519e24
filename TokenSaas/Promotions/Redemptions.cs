using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;
using TokenSaas.Payments;

namespace TokenSaas.Promotions;

/// <summary>
/// A promotion's uses, from reserved to counted or freed. Every step is a conditional update of
/// the redemption row in a transaction with the counters it moves, so reporting a payment twice,
/// or two checkouts racing for the last use, moves each counter once.
/// </summary>
public sealed class Redemptions(AppDbContext db, TimeProvider clock, ILogger<Redemptions> logger)
{
    /// <summary>
    /// Takes one use of the quoted promotion for the user, inside the caller's transaction (the
    /// redemption row is added, not saved). Null when taken; otherwise why not, and the caller rolls back.
    /// </summary>
    public async Task<string?> ReserveAsync(PromoQuote quote, string userId, string? paymentId, CheckoutQuote? price, string? ip,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var cost = quote.BudgetCost;
        // The write comes first: on SQLite it takes the lock, on PostgreSQL the row, before anything is read.
        var taken = await db.Promotions.Where(p => p.Id == quote.PromotionId && !p.Paused && p.EndedAt == null
                && (p.StartsAt == null || p.StartsAt <= now) && (p.EndsAt == null || p.EndsAt > now)
                && (p.MaxRedemptions == null || p.Redeemed + p.Reserved < p.MaxRedemptions)
                && (p.Budget == null || p.BudgetUsed + p.BudgetReserved + cost <= p.Budget))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Reserved, p => p.Reserved + 1)
                .SetProperty(p => p.BudgetReserved, p => p.BudgetReserved + cost), cancellationToken);
        if (taken == 0)
        {
            var promotion = await db.Promotions.AsNoTracking().SingleAsync(p => p.Id == quote.PromotionId, cancellationToken);
            return promotion.MaxRedemptions is { } max && promotion.Redeemed + promotion.Reserved >= max
                ? "This code is used up."
                : promotion.Budget is not null && promotion.StatusAt(now) == PromotionStatus.Active
                    ? "This promotion's budget is spent."
                    : "This code is no longer active.";
        }

        var codeTaken = await db.PromotionCodes.Where(c => c.Code == quote.Code && (c.MaxUses == null || c.Uses < c.MaxUses))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Uses, c => c.Uses + 1), cancellationToken);
        if (codeTaken == 0)
        {
            return "This code has already been used.";
        }

        var limit = await db.Promotions.Where(p => p.Id == quote.PromotionId).Select(p => p.PerUserLimit).SingleAsync(cancellationToken);
        var held = await db.Redemptions.Where(r => r.PromotionId == quote.PromotionId && r.Identity == quote.Identity && r.Slot != null)
            .Select(r => r.Slot!.Value).ToListAsync(cancellationToken);
        var slot = Enumerable.Range(1, limit).FirstOrDefault(n => !held.Contains(n));
        if (slot == 0)
        {
            return limit == 1 ? "You have already used this code." : $"You have already used this code {limit} times, the most allowed.";
        }

        db.Redemptions.Add(new Redemption
        {
            PromotionId = quote.PromotionId,
            Variant = quote.Variant,
            Code = quote.Code,
            UserId = userId,
            Identity = quote.Identity,
            Slot = slot,
            Status = RedemptionStatus.Reserved,
            PaymentId = paymentId,
            ListAmount = price?.Amount ?? 0,
            Discount = quote.Discount,
            FinalAmount = price?.FinalAmount ?? 0,
            Currency = price?.Currency,
            Tokens = quote.BonusTokens,
            BudgetCost = cost,
            Ip = ip,
            CreatedAt = now,
            UpdatedAt = now,
        });
        return null;
    }

    /// <summary>Brings the payment's redemption (if any) in line with the payment: counted once paid, freed once failed or refunded.</summary>
    public async Task SettleAsync(Payment payment, CancellationToken cancellationToken)
    {
        if (payment.PromotionId is null)
        {
            return;
        }

        var id = await db.Redemptions.Where(r => r.PaymentId == payment.Id).Select(r => (long?)r.Id).SingleOrDefaultAsync(cancellationToken);
        if (id is null)
        {
            return;
        }

        // The payment can move while this runs (a failure and the retried card's success reported together), so
        // each attempt reads its status afresh and a move is made only while the payment still has that status.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var status = await db.Payments.Where(p => p.Id == payment.Id).Select(p => (PaymentStatus?)p.Status).SingleOrDefaultAsync(cancellationToken);
            var current = await db.Redemptions.Where(r => r.Id == id).Select(r => r.Status).SingleAsync(cancellationToken);
            var moved = status switch
            {
                PaymentStatus.Succeeded => current == RedemptionStatus.Counted || await CountAsync(id.Value, cancellationToken),
                PaymentStatus.Failed => current == RedemptionStatus.Freed || await FreeAsync(id.Value, "the payment failed", cancellationToken),
                PaymentStatus.Refunded => current == RedemptionStatus.Freed || await FreeAsync(id.Value, "the payment was refunded", cancellationToken),
                _ => true,
            };
            if (moved)
            {
                return;
            }
        }

        logger.LogWarning("Redemption {RedemptionId} of payment {PaymentId} could not be settled: the payment kept changing", id, payment.Id);
    }

    /// <summary>Frees the use held for a checkout that never opened (its gateway did not answer).</summary>
    public async Task FreeForPaymentAsync(string paymentId, string reason, CancellationToken cancellationToken)
    {
        if (await db.Redemptions.Where(r => r.PaymentId == paymentId).Select(r => (long?)r.Id).SingleOrDefaultAsync(cancellationToken) is { } id)
        {
            await FreeAsync(id, reason, cancellationToken);
        }
    }

    /// <summary>
    /// Reserved → counted (or freed → counted: a failed payment that succeeded after all keeps its discount), only while
    /// its payment (if any) has succeeded; false when nothing moved.
    /// </summary>
    public Task<bool> CountAsync(long redemptionId, CancellationToken cancellationToken) => MoveAsync(redemptionId, "counted", cancellationToken, async (r, now, ct) =>
    {
        if (r.Status == RedemptionStatus.Counted)
        {
            return false;
        }

        var from = r.Status;
        if (await db.Redemptions.Where(x => x.Id == r.Id && x.Status == from
                    && (x.PaymentId == null || db.Payments.Any(p => p.Id == x.PaymentId && p.Status == PaymentStatus.Succeeded)))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, RedemptionStatus.Counted).SetProperty(x => x.CountedAt, now)
                    .SetProperty(x => x.UpdatedAt, now).SetProperty(x => x.FreedReason, (string?)null), ct) == 0)
        {
            return false;
        }

        var wasReserved = from == RedemptionStatus.Reserved ? 1 : 0;
        await db.Promotions.Where(p => p.Id == r.PromotionId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Reserved, p => p.Reserved - wasReserved)
                .SetProperty(p => p.BudgetReserved, p => p.BudgetReserved - r.BudgetCost * wasReserved)
                .SetProperty(p => p.Redeemed, p => p.Redeemed + 1).SetProperty(p => p.BudgetUsed, p => p.BudgetUsed + r.BudgetCost), ct);
        if (wasReserved == 0)
        {
            await db.PromotionCodes.Where(c => c.Code == r.Code).ExecuteUpdateAsync(s => s.SetProperty(c => c.Uses, c => c.Uses + 1), ct);
        }

        return true;
    });

    /// <summary>
    /// Reserved or counted → freed: the use and its share of the budget go back to the promotion; never while its
    /// payment has succeeded. False when nothing moved.
    /// </summary>
    public Task<bool> FreeAsync(long redemptionId, string reason, CancellationToken cancellationToken) => MoveAsync(redemptionId, "freed", cancellationToken, async (r, now, ct) =>
    {
        if (r.Status == RedemptionStatus.Freed)
        {
            return false;
        }

        var from = r.Status;
        if (await db.Redemptions.Where(x => x.Id == r.Id && x.Status == from
                    && (x.PaymentId == null || !db.Payments.Any(p => p.Id == x.PaymentId && p.Status == PaymentStatus.Succeeded)))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, RedemptionStatus.Freed).SetProperty(x => x.Slot, (int?)null)
                    .SetProperty(x => x.FreedReason, reason).SetProperty(x => x.UpdatedAt, now), ct) == 0)
        {
            return false;
        }

        var (reserved, counted) = from == RedemptionStatus.Reserved ? (1, 0) : (0, 1);
        await db.Promotions.Where(p => p.Id == r.PromotionId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Reserved, p => p.Reserved - reserved)
                .SetProperty(p => p.BudgetReserved, p => p.BudgetReserved - r.BudgetCost * reserved)
                .SetProperty(p => p.Redeemed, p => p.Redeemed - counted).SetProperty(p => p.BudgetUsed, p => p.BudgetUsed - r.BudgetCost * counted), ct);
        await db.PromotionCodes.Where(c => c.Code == r.Code && c.Uses > 0).ExecuteUpdateAsync(s => s.SetProperty(c => c.Uses, c => c.Uses - 1), ct);
        return true;
    });

    /// <summary>
    /// Redemptions left reserved after their payment settled (the process stopped between the two)
    /// are brought in line; ones whose checkout never opened are freed after <paramref name="after"/>.
    /// Free-token redemptions are finished by <see cref="FreeTokenRedeemer"/>.
    /// </summary>
    public async Task<int> SweepAsync(TimeSpan after, CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow().UtcDateTime - after;
        var stale = await db.Redemptions.AsNoTracking()
            .Where(r => r.Status == RedemptionStatus.Reserved && r.PaymentId != null && r.UpdatedAt <= before)
            .OrderBy(r => r.UpdatedAt).Take(200)
            .Select(r => new { r.Id, r.PaymentId, Status = db.Payments.Where(p => p.Id == r.PaymentId).Select(p => (PaymentStatus?)p.Status).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        var settled = 0;
        foreach (var r in stale)
        {
            switch (r.Status)
            {
                case PaymentStatus.Succeeded:
                    await CountAsync(r.Id, cancellationToken);
                    settled++;
                    break;
                case PaymentStatus.Failed or PaymentStatus.Refunded or null:
                    await FreeAsync(r.Id, r.Status is null ? "the checkout never opened" : "the payment did not succeed", cancellationToken);
                    settled++;
                    break;
            }
        }

        return settled;
    }

    private async Task<bool> MoveAsync(long redemptionId, string to, CancellationToken cancellationToken,
        Func<Redemption, DateTime, CancellationToken, Task<bool>> move)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var redemption = await db.Redemptions.AsNoTracking().SingleAsync(r => r.Id == redemptionId, cancellationToken);
        if (!await move(redemption, clock.GetUtcNow().UtcDateTime, cancellationToken))
        {
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Redemption {RedemptionId} of promotion {PromotionId}: {From} → {To}", redemption.Id, redemption.PromotionId,
            redemption.Status, to);
        return true;
    }
}
