using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;
using TokenSaas.Payments;

namespace TokenSaas.Api;

public sealed record CheckoutRequest(string? Pack, string? Plan, string? Gateway, string? IdempotencyKey);

public sealed record AdminRefundRequest(string? Reason);

/// <summary>/api/v1: what is for sale, starting a checkout, and the state of one's own payments.</summary>
public static class PaymentEndpoints
{
    public static void MapPaymentEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapGet("/packs", async (PackCatalog catalog, CancellationToken ct) => Results.Json(new
            {
                items = (await catalog.OffersAsync(ct)).Where(o => o.Gateways.Count > 0).Select(o => new
                {
                    key = o.Pack.Key, name = o.Pack.Name, tokens = o.Pack.Tokens, bonus_tokens = o.BonusTokens,
                    amount = o.Amount, currency = o.Currency, gateways = o.Gateways,
                }),
            }))
            .WithSummary("Token packs for sale, with the enabled gateways that sell each (amount in the minor unit).");
        v1.MapPost("/checkout", CheckoutAsync).RequireRateLimiting(ApiSetup.PaymentsRateLimit)
            .WithSummary("Start paying for a pack or a plan; the server sets the price.");
        v1.MapGet("/payments/{id}", async (string id, ClaimsPrincipal user, AppDbContext db, CancellationToken ct) =>
                await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.UserId == LedgerEndpoints.UserId(user), ct)
                    is { } p
                    ? Results.Json(Shape(p))
                    : ApiErrors.Error(StatusCodes.Status404NotFound, $"payment {id} not found"))
            .WithSummary("One of your payments.");
    }

    public static void MapAdminPaymentEndpoints(this RouteGroupBuilder admin) =>
        admin.MapPost("/payments/{id}/refund", async (string id, AdminRefundRequest? body, HttpContext context, Refunds refunds,
                    CancellationToken ct) =>
                ApiErrors.Ok(await refunds.RefundAsync(id, Audit.AdminActor.From(context), body?.Reason, ct), p => new
                {
                    payment_id = p.Id,
                    status = SnakeCaseEnumConverter<PaymentStatus>.ToSnakeCase(p.Status),
                    tokens_not_recovered = p.RefundShortfall,
                }))
            .WithSummary("Refund a payment at its gateway and take its unspent tokens back; `reason` is required and audited.");

    public static object Shape(Payment p) => new
    {
        payment_id = p.Id,
        gateway = p.Gateway,
        status = SnakeCaseEnumConverter<PaymentStatus>.ToSnakeCase(p.Status),
        amount = p.Amount,
        currency = p.Currency,
        tokens = p.TotalTokens,
        pack = p.Kind == PaymentKind.Pack ? p.ItemKey : null,
        plan = p.Kind == PaymentKind.Plan ? p.ItemKey : null,
        created_at = p.CreatedAt,
    };

    private static async Task<IResult> CheckoutAsync(CheckoutRequest? body, HttpRequest request, ClaimsPrincipal user,
        CheckoutService checkout, CancellationToken ct)
    {
        if (body is null || (body.Pack is null) == (body.Plan is null))
        {
            return ApiErrors.Error(StatusCodes.Status400BadRequest, "invalid body: give exactly one of pack or plan");
        }

        var (kind, key) = body.Pack is not null ? (PaymentKind.Pack, body.Pack) : (PaymentKind.Plan, body.Plan);
        var result = await checkout.StartAsync(LedgerEndpoints.UserId(user), kind, key, body.Gateway, body.IdempotencyKey,
            $"{request.Scheme}://{request.Host}", ct);
        return ApiErrors.Ok(result, started => started.Opening.RedirectUrl is { } url
            ? new { payment_id = started.Payment.Id, gateway = started.Payment.Gateway, status = "pending", redirect_url = url }
            : new { payment_id = started.Payment.Id, gateway = started.Payment.Gateway, status = "pending", order = started.Opening.Order } as object);
    }
}
