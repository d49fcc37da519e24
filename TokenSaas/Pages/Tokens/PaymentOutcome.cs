using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;
using TokenSaas.Payments;

namespace TokenSaas.Pages.Tokens;

/// <summary>
/// A payment as its result notice shows it: for a plan, the plan's name and the monthly tokens the
/// version it bought grants (a plan payment itself carries no tokens); for an open one, where to resume it.
/// </summary>
public sealed record PaymentOutcome(Payment Payment, string? PlanName, long PlanTokens, string? ResumeUrl)
{
    public bool Open => Payment.Status is PaymentStatus.Created or PaymentStatus.Pending;

    public bool Cancelled => Payment.Status == PaymentStatus.Failed && Payment.FailureReason == AbandonedCheckouts.CancelledReason;

    public static async Task<PaymentOutcome?> LoadAsync(AppDbContext db, AbandonedCheckouts abandoned, string userId, string paymentId,
        CancellationToken cancellationToken)
    {
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == paymentId && p.UserId == userId, cancellationToken);
        if (payment is null)
        {
            return null;
        }

        if (payment.Kind != PaymentKind.Plan)
        {
            return new PaymentOutcome(payment, null, 0, abandoned.ResumeUrl(payment));
        }

        var name = await db.Plans.AsNoTracking().Where(p => p.Key == payment.ItemKey).Select(p => p.Name).SingleOrDefaultAsync(cancellationToken);
        var tokens = await db.PlanVersions.AsNoTracking().Where(v => v.PlanKey == payment.ItemKey && v.Number == payment.PlanVersion)
            .Select(v => (long?)v.MonthlyTokens).SingleOrDefaultAsync(cancellationToken);
        return new PaymentOutcome(payment, name ?? payment.ItemKey, tokens ?? 0, abandoned.ResumeUrl(payment));
    }
}
