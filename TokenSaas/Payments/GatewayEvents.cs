using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;

namespace TokenSaas.Payments;

/// <summary>
/// The log of what gateways sent. An event is a duplicate only once it was fully processed: if
/// the app died halfway, the gateway's retry processes it again, which is safe because
/// fulfilment is idempotent.
/// </summary>
public sealed class GatewayEvents(AppDbContext db, TimeProvider clock)
{
    public const string Received = "received";

    /// <summary>The event's log row, and whether an earlier delivery already finished it.</summary>
    public async Task<(PaymentEvent Event, bool Done)> RecordAsync(string gateway, string eventId, string type, string payload,
        CancellationToken cancellationToken)
    {
        var logged = new PaymentEvent(gateway, eventId, type, payload, null, clock.GetUtcNow().UtcDateTime);
        db.PaymentEvents.Add(logged);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return (logged, false);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            var earlier = await db.PaymentEvents.SingleAsync(e => e.Gateway == gateway && e.EventId == eventId, cancellationToken);
            return (earlier, earlier.Outcome != Received);
        }
    }

    public async Task CompleteAsync(PaymentEvent logged, string? paymentId, string outcome, CancellationToken cancellationToken)
    {
        logged.Handled(paymentId, outcome);
        await db.SaveChangesAsync(cancellationToken);
    }
}
