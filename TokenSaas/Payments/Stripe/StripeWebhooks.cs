using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TokenSaas.Data;

namespace TokenSaas.Payments.Stripe;

/// <summary>
/// POST /api/stripe/webhooks: verify, log (deduped by event id), then translate the event into
/// a fulfilment call keyed by our payment id. Unknown event types are acknowledged and ignored.
/// </summary>
public sealed class StripeWebhooks(
    IOptions<PaymentsOptions> options,
    GatewayEvents events,
    Fulfillment fulfillment,
    AppDbContext db,
    TimeProvider clock,
    ILogger<StripeWebhooks> logger)
{
    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await WebhookMessage.ReadRawAsync(request, cancellationToken);
        var secret = options.Value.Stripe.WebhookSecret;
        if (string.IsNullOrEmpty(secret))
        {
            return Api.ApiErrors.Error(StatusCodes.Status404NotFound, "stripe webhooks are not configured");
        }

        if (StripeSignature.Verify(request.Headers["Stripe-Signature"], body, secret, clock.GetUtcNow()) is { } problem)
        {
            logger.LogWarning("Stripe webhook refused: {Problem}", problem);
            return Api.ApiErrors.Error(StatusCodes.Status400BadRequest, "invalid signature");
        }

        if (WebhookMessage.Parse(body) is not { } root)
        {
            return Api.ApiErrors.Error(StatusCodes.Status400BadRequest, "invalid body");
        }

        var (eventId, type) = (WebhookMessage.Text(root, "id"), WebhookMessage.Text(root, "type"));
        if (eventId is null || type is null || !root.TryGetProperty("data", out var data) || !data.TryGetProperty("object", out var obj))
        {
            return Api.ApiErrors.Error(StatusCodes.Status400BadRequest, "invalid body");
        }

        var (logged, done) = await events.RecordAsync("stripe", eventId, type, System.Text.Encoding.UTF8.GetString(body), cancellationToken);
        if (done)
        {
            return Results.Json(new { received = true, duplicate = true });
        }

        var paymentId = await PaymentIdAsync(obj, cancellationToken);
        var outcome = paymentId is null ? "no matching payment" : await ApplyAsync(type, obj, paymentId, cancellationToken);
        await events.CompleteAsync(logged, paymentId, outcome, cancellationToken);
        return Results.Json(new { received = true });
    }

    private async Task<string> ApplyAsync(string type, JsonElement obj, string paymentId, CancellationToken cancellationToken)
    {
        var source = $"stripe {type}";
        switch (type)
        {
            case "checkout.session.completed" when WebhookMessage.Text(obj, "payment_status") is "paid" or "no_payment_required":
            case "checkout.session.async_payment_succeeded":
                await fulfillment.PaidAsync(paymentId, WebhookMessage.Text(obj, "payment_intent"), source, cancellationToken);
                return "paid";
            case "checkout.session.completed":
                return "awaiting a delayed payment method";
            case "payment_intent.succeeded":
                await fulfillment.PaidAsync(paymentId, WebhookMessage.Text(obj, "id"), source, cancellationToken);
                return "paid";
            case "checkout.session.async_payment_failed":
            case "checkout.session.expired":
            case "payment_intent.payment_failed":
                var reason = obj.TryGetProperty("last_payment_error", out var error) && WebhookMessage.Text(error, "message") is { } message
                    ? message
                    : type == "checkout.session.expired" ? "The checkout expired before it was paid." : "The payment failed.";
                await fulfillment.FailedAsync(paymentId, reason, source, cancellationToken);
                return "failed";
            case "charge.refunded":
                await fulfillment.RefundedAsync(paymentId, source, cancellationToken);
                return "refunded";
            default:
                return "ignored";
        }
    }

    // Our payment id travels as metadata (sessions, intents) or client_reference_id; charges are found by their intent.
    private async Task<string?> PaymentIdAsync(JsonElement obj, CancellationToken cancellationToken)
    {
        if (obj.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object && WebhookMessage.Text(metadata, "payment_id") is { } id)
        {
            return await db.Payments.AnyAsync(p => p.Id == id && p.Gateway == "stripe", cancellationToken) ? id : null;
        }

        if (WebhookMessage.Text(obj, "client_reference_id") is { } reference)
        {
            return await db.Payments.AnyAsync(p => p.Id == reference && p.Gateway == "stripe", cancellationToken) ? reference : null;
        }

        var intent = WebhookMessage.Text(obj, "payment_intent");
        return intent is null
            ? null
            : await db.Payments.Where(p => p.Gateway == "stripe" && p.GatewayPaymentId == intent).Select(p => p.Id).FirstOrDefaultAsync(cancellationToken);
    }
}
