using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;
using TokenSaas.Payments.Razorpay;
using TokenSaas.Payments.Stripe;

namespace TokenSaas.Payments;

/// <summary>
/// Payments left pending (a lost webhook, a closed browser) are asked about at the gateway and
/// settled through the same <see cref="Fulfillment"/>. Checkouts nobody finished are failed
/// after a day (Stripe sessions expire after 24 hours too).
/// </summary>
public sealed class Reconciliation(
    AppDbContext db,
    Fulfillment fulfillment,
    StripeClient stripe,
    StripeGateway stripeGateway,
    RazorpayClient razorpay,
    RazorpayGateway razorpayGateway,
    TimeProvider clock,
    ILogger<Reconciliation> logger)
{
    public static readonly TimeSpan PendingFor = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromDays(1);

    public async Task<(int Checked, int Settled)> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var stale = now - PendingFor;
        var pending = await db.Payments.AsNoTracking()
            .Where(p => (p.Status == PaymentStatus.Pending || p.Status == PaymentStatus.Created) && p.UpdatedAt <= stale)
            .OrderBy(p => p.UpdatedAt).Take(200).ToListAsync(cancellationToken);
        var settled = 0;
        foreach (var payment in pending)
        {
            try
            {
                settled += await SettleAsync(payment, now, cancellationToken) ? 1 : 0;
            }
            catch (HttpRequestException ex)
            {
                logger.LogWarning(ex, "Could not reconcile payment {PaymentId} with {Gateway}; will try again", payment.Id, payment.Gateway);
            }
        }

        return (pending.Count, settled);
    }

    private async Task<bool> SettleAsync(Payment payment, DateTime now, CancellationToken cancellationToken)
    {
        const string source = "reconciliation";
        switch (payment.Gateway)
        {
            case "stripe" when stripeGateway.Enabled && payment.GatewayOrderId is { } session:
                var checkout = await stripe.GetSessionAsync(session, cancellationToken);
                if (checkout.PaymentStatus is "paid" or "no_payment_required")
                {
                    await fulfillment.PaidAsync(payment.Id, checkout.PaymentIntent, source, cancellationToken);
                    return true;
                }

                if (checkout.Status == "expired")
                {
                    await fulfillment.FailedAsync(payment.Id, "The checkout expired before it was paid.", source, cancellationToken);
                    return true;
                }

                break;
            case "razorpay" when razorpayGateway.Enabled && payment.GatewayOrderId is { } order:
                var payments = await razorpay.OrderPaymentsAsync(order, cancellationToken);
                if (payments.FirstOrDefault(p => p.Status == "captured") is { } captured)
                {
                    await fulfillment.PaidAsync(payment.Id, captured.Id, source, cancellationToken);
                    return true;
                }

                break;
        }

        if (now - payment.CreatedAt > AbandonedAfter)
        {
            await fulfillment.FailedAsync(payment.Id, "The checkout was not completed.", source, cancellationToken);
            return true;
        }

        return false;
    }
}
