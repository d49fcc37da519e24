using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;
using TokenSaas.Ledger;
using TokenSaas.Promotions;

namespace TokenSaas.Payments;

public sealed record CheckoutStarted(Payment Payment, CheckoutOpening Opening);

/// <summary>What a buyer asked to pay for: the item, the gateway, and optionally a currency and a promotion code.</summary>
public sealed record CheckoutOrder(PaymentKind Kind, string? Key, string? Gateway, string? IdempotencyKey, string ReturnBaseUrl)
{
    public string? Currency { get; init; }

    public string? PromoCode { get; init; }

    /// <summary>The buyer's address, kept with a promotion's redemption for the fraud checks.</summary>
    public string? Ip { get; init; }
}

/// <summary>
/// Starts a purchase: prices it on the server (with any promotion code), records the payment and
/// reserves the code's use in one transaction, and opens it at the gateway for the discounted amount.
/// </summary>
public sealed class CheckoutService(AppDbContext db, PackCatalog catalog, PromotionQuotes quotes, Redemptions redemptions,
    IEnumerable<IPaymentGateway> gateways, Fulfillment fulfillment, TimeProvider clock, GatewayEvents events, ILogger<CheckoutService> logger)
{
    public Task<LedgerResult<CheckoutStarted>> StartAsync(string userId, PaymentKind kind, string? key, string? gateway,
        string? idempotencyKey, string returnBaseUrl, CancellationToken cancellationToken) =>
        StartAsync(userId, new CheckoutOrder(kind, key, gateway, idempotencyKey, returnBaseUrl), cancellationToken);

    /// <summary>The price of an item for the user with a code applied, as the checkout would charge it.</summary>
    public async Task<LedgerResult<CheckoutQuote>> QuoteAsync(string userId, PaymentKind kind, string? key, string? currency, string? promoCode,
        CancellationToken cancellationToken)
    {
        var (item, error) = await catalog.QuoteAsync(userId, kind, key, currency, cancellationToken);
        return item is null
            ? new LedgerFailure(LedgerError.Invalid, error!)
            : await quotes.QuoteAsync(userId, item, promoCode, cancellationToken);
    }

    public async Task<LedgerResult<CheckoutStarted>> StartAsync(string userId, CheckoutOrder order, CancellationToken cancellationToken)
    {
        if (SystemKeys.Validate(order.IdempotencyKey) is { } keyError)
        {
            return new LedgerFailure(LedgerError.Invalid, keyError);
        }

        var (item, error) = await catalog.PriceAsync(userId, order.Kind, order.Key, order.Gateway, cancellationToken, order.Currency);
        if (item is null)
        {
            return new LedgerFailure(LedgerError.Invalid, error!);
        }

        if (await FindAsync(userId, order.IdempotencyKey!, cancellationToken) is { } existing)
        {
            return Replay(existing, order, item);
        }

        var quote = await quotes.QuoteAsync(userId, item, order.PromoCode, cancellationToken);
        if (quote is { HasCode: true, Valid: false })
        {
            return new LedgerFailure(LedgerError.Invalid, quote.Reason!);
        }

        var payment = new Payment(userId, order.Gateway!, item, order.IdempotencyKey!, clock.GetUtcNow().UtcDateTime);
        if (await RecordAsync(payment, quote, order, cancellationToken) is { } refused)
        {
            return await FindAsync(userId, order.IdempotencyKey!, cancellationToken) is { } raced
                ? Replay(raced, order, item)
                : new LedgerFailure(LedgerError.Invalid, refused);
        }

        return payment.Amount == 0 ? await FreeAsync(payment, cancellationToken) : await OpenAsync(payment, order, cancellationToken);
    }

    /// <summary>Stores the payment and reserves its promotion's use in one transaction; a refusal rolls both back.</summary>
    private async Task<string?> RecordAsync(Payment payment, CheckoutQuote quote, CheckoutOrder order, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (quote.Applied is { } applied)
        {
            payment.Apply(applied);
            if (await redemptions.ReserveAsync(applied, payment.UserId, payment.Id, quote, order.Ip, cancellationToken) is { } refused)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return refused;
            }
        }

        db.Payments.Add(payment);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // The same checkout key submitted twice at once, or the user's last use of the code taken by another checkout.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return "You have already used this code.";
        }
    }

    private async Task<LedgerResult<CheckoutStarted>> OpenAsync(Payment payment, CheckoutOrder order, CancellationToken cancellationToken)
    {
        try
        {
            var opening = await gateways.Single(g => g.Key == payment.Gateway).OpenAsync(payment, order.ReturnBaseUrl, cancellationToken);
            payment.Opened(opening.GatewayOrderId, opening.RedirectUrl, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            var (logged, _) = await events.RecordAsync(payment.Gateway, $"open:{payment.Id}", "checkout.opened",
                System.Text.Json.JsonSerializer.Serialize(opening), cancellationToken);
            await events.CompleteAsync(logged, payment.Id, "opened", cancellationToken);
            return new CheckoutStarted(payment, opening);
        }
        // A refusal, an error or a timeout (HttpClient's is a TaskCanceledException): the checkout never opened.
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogError(ex, "Opening payment {PaymentId} at {Gateway} failed", payment.Id, payment.Gateway);
            await redemptions.FreeForPaymentAsync(payment.Id, "the gateway did not answer", CancellationToken.None);
            db.Payments.Remove(payment);
            await db.SaveChangesAsync(CancellationToken.None);
            return new LedgerFailure(LedgerError.GatewayUnavailable, $"{payment.Gateway} did not open the checkout; nothing was charged, please try again");
        }
    }

    /// <summary>A promotion took the whole price: nothing to charge, so no gateway is asked and the payment settles at once.</summary>
    private async Task<LedgerResult<CheckoutStarted>> FreeAsync(Payment payment, CancellationToken cancellationToken)
    {
        var opening = new CheckoutOpening("free_" + payment.Id[4..], $"/tokens/buy?payment={payment.Id}");
        payment.Opened(opening.GatewayOrderId, opening.RedirectUrl, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        await fulfillment.PaidAsync(payment.Id, null, "promotion", cancellationToken);
        return new CheckoutStarted(payment, opening);
    }

    private static LedgerResult<CheckoutStarted> Replay(Payment existing, CheckoutOrder order, PaymentItem item) =>
        existing.Gateway == order.Gateway && existing.ItemKey == item.Key && existing.GatewayOrderId is not null
            ? new CheckoutStarted(existing, new CheckoutOpening(existing.GatewayOrderId, existing.CheckoutUrl))
            : new LedgerFailure(LedgerError.IdempotencyConflict, $"idempotency_key '{order.IdempotencyKey}' was already used for a different checkout");

    private Task<Payment?> FindAsync(string userId, string key, CancellationToken cancellationToken) =>
        db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId && p.IdempotencyKey == key, cancellationToken);
}
