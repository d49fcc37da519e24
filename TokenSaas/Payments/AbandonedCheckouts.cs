using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;

namespace TokenSaas.Payments;

/// <summary>
/// A checkout the buyer left open (the gateway's tab closed): they can go back to the gateway's page
/// while it still takes the payment, or cancel it. Reconciliation fails the ones nobody touches after
/// <see cref="Reconciliation.AbandonedAfter"/>.
/// </summary>
public sealed class AbandonedCheckouts(AppDbContext db, Fulfillment fulfillment, TimeProvider clock)
{
    public const string CancelledReason = "You cancelled this checkout.";

    /// <summary>The gateway page an open payment was opened at, while it is younger than the gateway's own expiry; else null.</summary>
    public string? ResumeUrl(Payment payment) =>
        payment.Status is PaymentStatus.Created or PaymentStatus.Pending && payment.CheckoutUrl is { } url
            && clock.GetUtcNow().UtcDateTime - payment.CreatedAt < Reconciliation.AbandonedAfter
            ? url
            : null;

    /// <summary>
    /// Marks the user's own open payment failed (nothing was charged). Only open payments move, so a
    /// second cancel or a cancel after the money arrived changes nothing; and if the gateway reports it
    /// paid afterwards, <see cref="Fulfillment.PaidAsync"/> still credits it, once, because a failed
    /// payment may still succeed. Null: not the user's payment.
    /// </summary>
    public async Task<Payment?> CancelAsync(string userId, string paymentId, CancellationToken cancellationToken)
    {
        var owned = await db.Payments.AsNoTracking().AnyAsync(p => p.Id == paymentId && p.UserId == userId, cancellationToken);
        return owned ? await fulfillment.FailedAsync(paymentId, CancelledReason, "buyer", cancellationToken) : null;
    }
}
