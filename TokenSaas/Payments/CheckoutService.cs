using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;
using TokenSaas.Ledger;

namespace TokenSaas.Payments;

public sealed record CheckoutStarted(Payment Payment, CheckoutOpening Opening);

/// <summary>Starts a purchase: prices it on the server, records the payment, and opens it at the gateway.</summary>
public sealed class CheckoutService(AppDbContext db, PackCatalog catalog, IEnumerable<IPaymentGateway> gateways, TimeProvider clock,
    GatewayEvents events, ILogger<CheckoutService> logger)
{
    public async Task<LedgerResult<CheckoutStarted>> StartAsync(string userId, PaymentKind kind, string? key, string? gateway,
        string? idempotencyKey, string returnBaseUrl, CancellationToken cancellationToken)
    {
        if (SystemKeys.Validate(idempotencyKey) is { } keyError)
        {
            return new LedgerFailure(LedgerError.Invalid, keyError);
        }

        var (item, error) = await catalog.PriceAsync(userId, kind, key, gateway, cancellationToken);
        if (item is null)
        {
            return new LedgerFailure(LedgerError.Invalid, error!);
        }

        var existing = await db.Payments.AsNoTracking()
            .SingleOrDefaultAsync(p => p.UserId == userId && p.IdempotencyKey == idempotencyKey, cancellationToken);
        if (existing is not null)
        {
            return existing.Gateway == gateway && existing.ItemKey == item.Key && existing.GatewayOrderId is not null
                ? new CheckoutStarted(existing, new CheckoutOpening(existing.GatewayOrderId, existing.CheckoutUrl))
                : new LedgerFailure(LedgerError.IdempotencyConflict, $"idempotency_key '{idempotencyKey}' was already used for a different checkout");
        }

        var payment = new Payment(userId, gateway!, item, idempotencyKey!, clock.GetUtcNow().UtcDateTime);
        db.Payments.Add(payment);
        await db.SaveChangesAsync(cancellationToken);
        try
        {
            var opening = await gateways.Single(g => g.Key == gateway).OpenAsync(payment, returnBaseUrl, cancellationToken);
            payment.Opened(opening.GatewayOrderId, opening.RedirectUrl, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            var (logged, _) = await events.RecordAsync(payment.Gateway, $"open:{payment.Id}", "checkout.opened",
                System.Text.Json.JsonSerializer.Serialize(opening), cancellationToken);
            await events.CompleteAsync(logged, payment.Id, "opened", cancellationToken);
            return new CheckoutStarted(payment, opening);
        }
        catch (HttpRequestException ex)
        {
            logger.LogError(ex, "Opening payment {PaymentId} at {Gateway} failed", payment.Id, gateway);
            db.Payments.Remove(payment);
            await db.SaveChangesAsync(CancellationToken.None);
            return new LedgerFailure(LedgerError.GatewayUnavailable, $"{gateway} is not answering; nothing was charged, please try again");
        }
    }
}
