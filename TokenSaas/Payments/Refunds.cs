using Microsoft.EntityFrameworkCore;
using TokenSaas.Audit;
using TokenSaas.Data;
using TokenSaas.Ledger;
using TokenSaas.Payments.Razorpay;
using TokenSaas.Payments.Stripe;

namespace TokenSaas.Payments;

/// <summary>
/// An admin's refund: the money goes back through the gateway (Stripe, Razorpay), then the
/// tokens come back through the ledger, as far as they are unspent. The gateway's own refund
/// event arrives later and changes nothing more. The refund is audited (payment.refund) in the
/// transaction that marks the payment refunded.
/// </summary>
public sealed class Refunds(AppDbContext db, Fulfillment fulfillment, StripeClient stripe, RazorpayClient razorpay,
    ILogger<Refunds> logger)
{
    public async Task<LedgerResult<Payment>> RefundAsync(string paymentId, AdminActor actor, string? reason,
        CancellationToken cancellationToken)
    {
        if (AdminAct.ValidateReason(reason) is { } invalid)
        {
            return new LedgerFailure(LedgerError.Invalid, char.ToUpperInvariant(invalid[0]) + invalid[1..]);
        }

        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == paymentId, cancellationToken);
        if (payment is null)
        {
            return new LedgerFailure(LedgerError.NotFound, $"payment {paymentId} not found");
        }

        if (payment.Status != PaymentStatus.Succeeded)
        {
            return new LedgerFailure(LedgerError.HoldSettled, $"payment {paymentId} is {payment.Status.ToString().ToLowerInvariant()}, not succeeded");
        }

        try
        {
            switch (payment.Gateway)
            {
                case "stripe" when payment.GatewayPaymentId is { } intent:
                    await stripe.RefundAsync(intent, payment.Id, cancellationToken);
                    break;
                case "razorpay" when payment.GatewayPaymentId is { } razorpayPayment:
                    await razorpay.RefundAsync(razorpayPayment, cancellationToken);
                    break;
            }
        }
        catch (HttpRequestException ex)
        {
            logger.LogError(ex, "Refund of payment {PaymentId} at {Gateway} failed; nothing was changed", payment.Id, payment.Gateway);
            return new LedgerFailure(LedgerError.GatewayUnavailable, $"{payment.Gateway} did not make the refund; nothing was changed");
        }

        logger.LogInformation("Admin {AdminId} refunded payment {PaymentId}", actor.Id, payment.Id);
        var refunded = (await fulfillment.RefundedAsync(payment.Id, $"admin {actor.Id}", shortfall =>
            new AuditRecord(actor, AuditActions.PaymentRefund, AuditTargets.Payment, payment.Id, reason!.Trim())
            {
                Before = new { status = "succeeded" },
                After = new { status = "refunded", tokens_not_recovered = shortfall },
                // One row per payment: a double submit or a retry after a crash finds it written.
                IdempotencyKey = $"{AuditActions.PaymentRefund}:{payment.Id}",
            }, cancellationToken))!;
        return refunded;
    }
}

/// <summary>What a refunded purchase tells its buyer.</summary>
public static class RefundText
{
    /// <summary>"Your purchase of 500 tokens (₹499) was refunded; 485 tokens were taken back, 15 had already been spent."</summary>
    public static string Body(Payment p)
    {
        var paid = Money.Format(p.Amount, p.Currency);
        if (p.Kind == PaymentKind.Plan)
        {
            return $"Your {p.ItemKey} plan purchase ({paid}) was refunded; the plan has ended.";
        }

        var taken = p.TotalTokens - p.RefundShortfall;
        return $"Your purchase of {Count(p.TotalTokens)} ({paid}) was refunded; {Count(taken)} {(taken == 1 ? "was" : "were")} taken back"
            + (p.RefundShortfall > 0 ? $", {p.RefundShortfall:N0} had already been spent." : ".");
    }

    private static string Count(long n) => n == 1 ? "1 token" : $"{n:N0} tokens";
}
