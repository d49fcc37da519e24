using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;
using TokenSaas.Ledger;

namespace TokenSaas.Payments;

/// <summary>
/// Where every report about a payment ends up (browser return, webhook, reconciliation, the
/// sandbox), in any order, any number of times. The status only moves forward, by conditional
/// updates; what was bought is credited by the ledger under the payment's own key, so it happens
/// exactly once, even if this process dies between the status change and the credit.
/// </summary>
public sealed class Fulfillment(AppDbContext db, LedgerService ledger, Promotions.Redemptions redemptions, Growth.GrowthService growth,
    Notifications.NotificationService notifications, Audit.AuditLog audit, TimeProvider clock, ILogger<Fulfillment> logger)
{
    private static readonly PaymentStatus[] Open = [PaymentStatus.Created, PaymentStatus.Pending];

    public async Task<Payment?> PaidAsync(string paymentId, string? gatewayPaymentId, string source, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // A failed payment can still succeed (a card retried on the gateway's page).
        var moved = await db.Payments.Where(p => p.Id == paymentId && (Open.Contains(p.Status) || p.Status == PaymentStatus.Failed))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PaymentStatus.Succeeded).SetProperty(p => p.PaidAt, now)
                .SetProperty(p => p.UpdatedAt, now).SetProperty(p => p.FailureReason, (string?)null)
                .SetProperty(p => p.GatewayPaymentId, p => gatewayPaymentId ?? p.GatewayPaymentId), cancellationToken);
        var payment = await FindAsync(paymentId, cancellationToken);
        if (payment is null || payment.Status is not (PaymentStatus.Succeeded or PaymentStatus.Refunded))
        {
            return payment;
        }

        await CreditAsync(payment, cancellationToken);
        await redemptions.SettleAsync(payment, cancellationToken);
        await growth.OnPurchaseAsync(payment.UserId, cancellationToken);
        if (moved > 0)
        {
            logger.LogInformation("Payment {PaymentId} succeeded ({Source}): {Tokens} token(s) for {Amount} {Currency}",
                payment.Id, source, payment.TotalTokens, payment.Amount, payment.Currency);
            await notifications.NotifyAsync(payment.UserId, "payment_succeeded", "Payment received",
                payment.Kind == PaymentKind.Plan
                    ? $"You are now on the {payment.ItemKey} plan."
                    : $"{payment.TotalTokens:N0} tokens were added to your balance.",
                $"/tokens/buy?payment={payment.Id}", cancellationToken);
        }

        return payment;
    }

    public async Task<Payment?> FailedAsync(string paymentId, string reason, string source, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var trimmed = reason.Length > 300 ? reason[..300] : reason;
        var moved = await db.Payments.Where(p => p.Id == paymentId && Open.Contains(p.Status))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PaymentStatus.Failed).SetProperty(p => p.FailureReason, trimmed)
                .SetProperty(p => p.UpdatedAt, now), cancellationToken);
        var payment = await FindAsync(paymentId, cancellationToken);
        if (payment is not null)
        {
            await redemptions.SettleAsync(payment, cancellationToken);
        }

        if (moved > 0 && payment is not null)
        {
            logger.LogInformation("Payment {PaymentId} failed ({Source}): {Reason}", paymentId, source, trimmed);
            await notifications.NotifyAsync(payment.UserId, "payment_failed", "Payment not completed",
                $"{trimmed} Nothing was charged.", $"/tokens/buy?payment={payment.Id}", cancellationToken);
        }

        return payment;
    }

    /// <summary>A refunded payment gives back what it bought, as far as it is unspent; the rest is recorded for admins.</summary>
    public Task<Payment?> RefundedAsync(string paymentId, string source, CancellationToken cancellationToken) =>
        RefundedAsync(paymentId, source, null, cancellationToken);

    /// <summary>
    /// As above; <paramref name="auditRow"/> (an admin's refund) is given the tokens not recovered and
    /// its row commits with the status change, so a refund is never left refunded but unaudited.
    /// </summary>
    public async Task<Payment?> RefundedAsync(string paymentId, string source, Func<long, Audit.AuditRecord>? auditRow,
        CancellationToken cancellationToken)
    {
        var payment = await FindAsync(paymentId, cancellationToken);
        if (payment is not { Status: PaymentStatus.Succeeded or PaymentStatus.Refunded })
        {
            return payment;
        }

        var clawback = payment.Kind == PaymentKind.Pack
            ? await ledger.ClawbackAsync(payment.UserId, payment.Id, payment.TotalTokens, $"refund:{payment.Id}", source,
                cancellationToken: cancellationToken)
            : default;
        if (payment.Kind == PaymentKind.Plan)
        {
            await ledger.EndPaidPlanAsync(payment.UserId, $"refund:{payment.Id}", cancellationToken);
            if (payment.PromotionBonus > 0)
            {
                clawback = await ledger.ClawbackAsync(payment.UserId, payment.Id, payment.PromotionBonus, $"refund:{payment.Id}:bonus", source,
                    cancellationToken: cancellationToken);
            }
        }

        var shortfall = clawback.Value?.Shortfall ?? 0;
        var now = clock.GetUtcNow().UtcDateTime;
        var moved = 0;
        async Task MarkRefundedAsync(CancellationToken ct) => moved = await db.Payments
            .Where(p => p.Id == paymentId && p.Status == PaymentStatus.Succeeded)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PaymentStatus.Refunded).SetProperty(p => p.RefundShortfall, shortfall)
                .SetProperty(p => p.UpdatedAt, now), ct);
        if (auditRow is null)
        {
            await MarkRefundedAsync(cancellationToken);
        }
        else
        {
            await audit.WriteAsync(auditRow(shortfall), MarkRefundedAsync, cancellationToken);
        }

        if (shortfall > 0)
        {
            logger.LogWarning("Refund of payment {PaymentId}: {Shortfall} token(s) were already spent and could not be taken back",
                paymentId, shortfall);
        }

        var refunded = await FindAsync(paymentId, cancellationToken);
        if (refunded is not null)
        {
            await redemptions.SettleAsync(refunded, cancellationToken);
        }

        // Whoever made the refund (an admin here, or the gateway's dashboard), the buyer hears of it once.
        if (moved > 0 && refunded is not null)
        {
            await notifications.NotifyAsync(refunded.UserId, "refund", "Your purchase was refunded", RefundText.Body(refunded), "/history",
                CancellationToken.None);
        }

        return refunded;
    }

    private async Task CreditAsync(Payment payment, CancellationToken cancellationToken)
    {
        if (payment.Kind == PaymentKind.Plan)
        {
            await ledger.ApplyPaidPlanAsync(payment.UserId, payment.ItemKey, payment.PlanVersion, payment.LedgerKey, cancellationToken);
            if (payment.PromotionBonus > 0)
            {
                Ensure(payment, await ledger.GrantAsync(payment.UserId, new TokenGrant(GrantBucket.Bonus, payment.PromotionBonus, "promotion",
                    $"{payment.LedgerKey}:bonus", "payment", $"Bonus with the {payment.ItemKey} plan (code {payment.PromotionCode})")
                    { CorrelationId = payment.Id }, cancellationToken));
            }

            return;
        }

        Ensure(payment, await ledger.GrantAsync(payment.UserId, new TokenGrant(GrantBucket.Purchased, payment.TotalTokens, "payment",
            payment.LedgerKey, "payment", payment.BonusTokens > 0
                ? $"Bought {payment.Tokens:N0} tokens (+{payment.BonusTokens:N0} bonus)"
                : $"Bought {payment.Tokens:N0} tokens") { CorrelationId = payment.Id }, cancellationToken));
    }

    private static void Ensure(Payment payment, LedgerResult<GrantResult> result)
    {
        if (result.Failure is { } failure)
        {
            throw new InvalidOperationException($"Crediting payment {payment.Id} failed: {failure.Message}");
        }
    }

    private Task<Payment?> FindAsync(string paymentId, CancellationToken cancellationToken) =>
        db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == paymentId, cancellationToken);
}
