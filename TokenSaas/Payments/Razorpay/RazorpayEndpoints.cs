using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TokenSaas.Api;
using TokenSaas.Data;
using TokenSaas.Infrastructure;
using TokenSaas.Ledger;

namespace TokenSaas.Payments.Razorpay;

public sealed record CreateOrderRequest(string? Plan, string? Pack, string? PromoCode = null);

public sealed record VerifyRequest(string? Plan, string? Pack, string? RazorpayOrderId, string? RazorpayPaymentId, string? RazorpaySignature);

/// <summary>Seed 003's create-order and verify (same paths and fields), and Razorpay's webhook.</summary>
public static class RazorpayEndpoints
{
    public static void MapRazorpayEndpoints(this WebApplication app)
    {
        var payments = app.MapGroup("/api/payments").WithTags("seed 003")
            .RequireAuthorization(Infrastructure.Auth.ApiAuthSetup.UserPolicy)
            .AddEndpointFilter<CookieAntiforgeryFilter>()
            .RequireRateLimiting(ApiSetup.PaymentsRateLimit);
        payments.MapPost("/create-order", CreateOrderAsync).WithSummary("A Razorpay order for a plan or pack; the server sets the amount.");
        payments.MapPost("/verify", VerifyAsync).WithSummary("Checks razorpay_signature against our order and credits the purchase once.");
        app.MapPost("/api/razorpay/webhooks", WebhookAsync).WithTags("webhooks").DisableAntiforgery()
            .WithSummary("Razorpay events (X-Razorpay-Signature); deduped by x-razorpay-event-id.");
    }

    private static async Task<IResult> CreateOrderAsync(CreateOrderRequest? body, ClaimsPrincipal user, HttpContext context,
        CheckoutService checkout, IOptions<PaymentsOptions> options, CancellationToken ct)
    {
        if (body is null || (body.Plan is null) == (body.Pack is null))
        {
            return ApiErrors.Error(StatusCodes.Status400BadRequest, "invalid body");
        }

        var (kind, key) = body.Plan is not null ? (PaymentKind.Plan, body.Plan) : (PaymentKind.Pack, body.Pack);
        var result = await checkout.StartAsync(LedgerEndpoints.UserId(user), new CheckoutOrder(kind, key, "razorpay", Guid.NewGuid().ToString("N"),
            $"{context.Request.Scheme}://{context.Request.Host}") { PromoCode = body.PromoCode, Ip = Infrastructure.ClientAddress.Of(context) }, ct);
        if (result.Failure is { Code: LedgerError.Invalid } && kind == PaymentKind.Plan && body.PromoCode is null)
        {
            return ApiErrors.Error(StatusCodes.Status400BadRequest, "invalid plan");
        }

        return ApiErrors.Ok(result, started => new
        {
            order_id = started.Payment.GatewayOrderId,
            amount = started.Payment.Amount,
            currency = started.Payment.Currency,
            plan = body.Plan,
            pack = body.Pack,
            key_id = options.Value.Razorpay.KeyId,
            payment_id = started.Payment.Id,
        });
    }

    private static async Task<IResult> VerifyAsync(VerifyRequest? body, ClaimsPrincipal user, HttpContext context, AppDbContext db,
        Fulfillment fulfillment, LedgerService ledger, IOptions<PaymentsOptions> options, CancellationToken ct)
    {
        if (body is not { RazorpayOrderId.Length: > 0, RazorpayPaymentId.Length: > 0, RazorpaySignature.Length: > 0 })
        {
            return ApiErrors.Error(StatusCodes.Status400BadRequest, "invalid body");
        }

        var userId = LedgerEndpoints.UserId(user);
        var payment = await db.Payments.AsNoTracking()
            .SingleOrDefaultAsync(p => p.Gateway == "razorpay" && p.GatewayOrderId == body.RazorpayOrderId && p.UserId == userId, ct);
        if (payment is null)
        {
            return ApiErrors.Error(StatusCodes.Status404NotFound, "order not found");
        }

        // The order id in the signature is the one we stored, not one the browser may have swapped.
        var expected = RazorpaySignature.Payment(payment.GatewayOrderId!, body.RazorpayPaymentId, options.Value.Razorpay.KeySecret!);
        if (!RazorpaySignature.Matches(body.RazorpaySignature, expected))
        {
            return ApiErrors.Error(StatusCodes.Status400BadRequest, "invalid signature");
        }

        payment = await fulfillment.PaidAsync(payment.Id, body.RazorpayPaymentId, "razorpay verify", ct);
        context.Response.Headers["HX-Trigger"] = Htmx.TokensChanged;
        if (payment!.Kind == PaymentKind.Plan)
        {
            var usage = await ledger.GetUsageAsync(userId, ct);
            return Results.Json(new
            {
                status = "success", message = $"payment verified, plan set to {usage.Plan}", plan = usage.Plan,
                token_quota = usage.TokenQuota, token_used = usage.TokenUsed, remaining = usage.Remaining,
            });
        }

        var balance = await ledger.GetBalanceAsync(userId, ct);
        return Results.Json(new { status = "success", message = $"payment verified, {payment.TotalTokens:N0} tokens added",
            tokens = payment.TotalTokens, balance = balance.Total, payment_id = payment.Id });
    }

    private static async Task<IResult> WebhookAsync(HttpRequest request, IOptions<PaymentsOptions> options, GatewayEvents events,
        Fulfillment fulfillment, AppDbContext db, ILoggerFactory loggers, CancellationToken ct)
    {
        var body = await WebhookMessage.ReadRawAsync(request, ct);
        var secret = options.Value.Razorpay.WebhookSecret;
        if (string.IsNullOrEmpty(secret))
        {
            return ApiErrors.Error(StatusCodes.Status404NotFound, "razorpay webhooks are not configured");
        }

        if (!RazorpaySignature.Matches(request.Headers["X-Razorpay-Signature"], RazorpaySignature.Webhook(body, secret)))
        {
            loggers.CreateLogger("TokenSaas.Payments.Razorpay").LogWarning("Razorpay webhook refused: bad signature");
            return ApiErrors.Error(StatusCodes.Status400BadRequest, "invalid signature");
        }

        if (WebhookMessage.Parse(body) is not { } root)
        {
            return ApiErrors.Error(StatusCodes.Status400BadRequest, "invalid body");
        }

        var type = root.TryGetProperty("event", out var e) ? e.GetString() ?? "unknown" : "unknown";
        var eventId = request.Headers["x-razorpay-event-id"].ToString() is { Length: > 0 } id
            ? id
            : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body));
        var (logged, done) = await events.RecordAsync("razorpay", eventId, type, Encoding.UTF8.GetString(body), ct);
        if (done)
        {
            return Results.Json(new { received = true, duplicate = true });
        }

        var entity = Entity(root, "payment");
        var orderId = WebhookMessage.Text(entity, "order_id") ?? WebhookMessage.Text(Entity(root, "order"), "id");
        var paymentId = orderId is null
            ? null
            : await db.Payments.Where(p => p.Gateway == "razorpay" && p.GatewayOrderId == orderId).Select(p => p.Id).FirstOrDefaultAsync(ct);
        var outcome = "no matching payment";
        if (paymentId is not null)
        {
            outcome = type switch
            {
                "payment.captured" or "order.paid" => await Done(fulfillment.PaidAsync(paymentId, WebhookMessage.Text(entity, "id"), $"razorpay {type}", ct), "paid"),
                "payment.failed" => await Done(fulfillment.FailedAsync(paymentId, WebhookMessage.Text(entity, "error_description") ?? "The payment failed.",
                    $"razorpay {type}", ct), "failed"),
                "refund.processed" => await Done(fulfillment.RefundedAsync(paymentId, $"razorpay {type}", ct), "refunded"),
                _ => "ignored",
            };
        }

        await events.CompleteAsync(logged, paymentId, outcome, ct);
        return Results.Json(new { received = true });
    }

    private static async Task<string> Done(Task<Payment?> work, string outcome)
    {
        await work;
        return outcome;
    }

    // payload.{name}.entity
    private static JsonElement Entity(JsonElement root, string name) =>
        root.TryGetProperty("payload", out var payload) && payload.ValueKind == JsonValueKind.Object
        && payload.TryGetProperty(name, out var holder) && holder.TryGetProperty("entity", out var entity)
            ? entity
            : default;
}
