using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;
using TokenSaas.Payments;

namespace TokenSaas.Api;

public sealed record CheckoutRequest(string? Pack, string? Plan, string? Gateway, string? IdempotencyKey, string? PromoCode = null,
    string? Currency = null);

public sealed record QuoteRequest(string? Pack, string? Plan, string? Currency, string? PromoCode);

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
        v1.MapPost("/checkout/quote", QuoteAsync).RequireRateLimiting(ApiSetup.PaymentsRateLimit)
            .WithSummary("What a pack or plan costs you with a promotion code applied: `{pack | plan, currency?, promo_code?}`; nothing is reserved.");
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
        list_amount = p.ListAmount,
        discount = p.Discount,
        currency = p.Currency,
        promo_code = p.PromotionCode,
        tokens = p.TotalTokens,
        pack = p.Kind == PaymentKind.Pack ? p.ItemKey : null,
        plan = p.Kind == PaymentKind.Plan ? p.ItemKey : null,
        created_at = p.CreatedAt,
    };

    private static async Task<IResult> CheckoutAsync(CheckoutRequest? body, HttpContext context, ClaimsPrincipal user,
        CheckoutService checkout, CancellationToken ct)
    {
        if (Item(body?.Pack, body?.Plan) is not { } item)
        {
            return ApiErrors.Error(StatusCodes.Status400BadRequest, "invalid body: give exactly one of pack or plan");
        }

        var result = await checkout.StartAsync(LedgerEndpoints.UserId(user), new CheckoutOrder(item.Kind, item.Key, body!.Gateway,
            body.IdempotencyKey, $"{context.Request.Scheme}://{context.Request.Host}")
        {
            Currency = body.Currency, PromoCode = body.PromoCode, Ip = Infrastructure.ClientAddress.Of(context),
        }, ct);
        return ApiErrors.Ok(result, started => started.Opening.RedirectUrl is { } url
            ? new { payment_id = started.Payment.Id, gateway = started.Payment.Gateway, status = "pending", redirect_url = url }
            : new { payment_id = started.Payment.Id, gateway = started.Payment.Gateway, status = "pending", order = started.Opening.Order } as object);
    }

    private static async Task<IResult> QuoteAsync(QuoteRequest? body, ClaimsPrincipal user, CheckoutService checkout, CancellationToken ct)
    {
        if (Item(body?.Pack, body?.Plan) is not { } item)
        {
            return ApiErrors.Error(StatusCodes.Status400BadRequest, "invalid body: give exactly one of pack or plan");
        }

        return ApiErrors.Ok(await checkout.QuoteAsync(LedgerEndpoints.UserId(user), item.Kind, item.Key, body!.Currency, body.PromoCode, ct),
            QuoteShape);
    }

    public static object QuoteShape(Promotions.CheckoutQuote q) => new
    {
        amount = q.Amount,
        discount = q.Discount,
        final_amount = q.FinalAmount,
        currency = q.Currency,
        tokens = q.Tokens,
        bonus_tokens = q.BonusTokens,
        promo = q.HasCode ? new { code = q.Code, valid = q.Valid, reason = q.Reason, variant = q.Applied?.Variant } : null,
    };

    private static (PaymentKind Kind, string Key)? Item(string? pack, string? plan) =>
        (pack, plan) switch
        {
            ({ } p, null) => (PaymentKind.Pack, p),
            (null, { } p) => (PaymentKind.Plan, p),
            _ => null,
        };
}
