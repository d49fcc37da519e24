using System.Security.Claims;
using TokenSaas.Ledger;

namespace TokenSaas.Api;

/// <summary>/api/v1: the balance, spending, holds and refunds of the signed-in user.</summary>
public static class LedgerEndpoints
{
    public static void MapLedgerEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapPost("/spend", SpendAsync).RequireRateLimiting(ApiSetup.SpendRateLimit)
            .WithSummary("Spend tokens on a feature (cost × quantity). Replaying an idempotency key returns the first answer.");
        v1.MapPost("/holds", HoldAsync).RequireRateLimiting(ApiSetup.SpendRateLimit)
            .WithSummary("Reserve tokens before running an action; capture on success, release on failure.");
        v1.MapPost("/holds/{id:long}/capture", async (long id, ClaimsPrincipal user, LedgerService ledger, CancellationToken ct) =>
                ApiErrors.Ok(await ledger.CaptureAsync(UserId(user), id, ct),
                    r => new { entry_id = r.EntryId, spent = r.Spent, balance = r.Balance }))
            .WithSummary("Make a hold's debit final.");
        v1.MapPost("/holds/{id:long}/release", async (long id, ClaimsPrincipal user, LedgerService ledger, CancellationToken ct) =>
                ApiErrors.Ok(await ledger.ReleaseAsync(UserId(user), id, ct),
                    r => new { released = r.Released, balance = r.Balance }))
            .WithSummary("Give a hold's tokens back.");
        v1.MapPost("/refunds", RefundAsync)
            .WithSummary("Refund a spend (yours, within the refund window; admins: any).");
    }

    private static readonly IResult NoBody = ApiErrors.Error(StatusCodes.Status400BadRequest, "invalid body: a JSON body is required");

    public static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private static async Task<IResult> SpendAsync(SpendRequest? body, ClaimsPrincipal user, LedgerService ledger,
        CancellationToken ct) => body is null
        ? NoBody
        : ApiErrors.Ok(await ledger.SpendAsync(UserId(user), body.Feature, body.Quantity, body.IdempotencyKey, null, ct),
            r => new { entry_id = r.EntryId, feature = r.Feature, spent = r.Spent, balance = r.Balance });

    private static async Task<IResult> HoldAsync(SpendRequest? body, ClaimsPrincipal user, LedgerService ledger,
        CancellationToken ct) => body is null
        ? NoBody
        : ApiErrors.Ok(await ledger.HoldAsync(UserId(user), body.Feature, body.Quantity, body.IdempotencyKey, null, ct),
            r => new { hold_id = r.HoldId, amount = r.Amount, expires_at = r.ExpiresAt, balance = r.Balance });

    private static async Task<IResult> RefundAsync(RefundRequest? body, ClaimsPrincipal user, LedgerService ledger,
        CancellationToken ct)
    {
        if (body?.EntryId is not { } entryId || entryId <= 0)
        {
            return ApiErrors.Error(StatusCodes.Status400BadRequest, "invalid body: entry_id is required");
        }

        var admin = user.IsInRole(Identity.Roles.Admin);
        var result = await ledger.RefundAsync(admin ? null : UserId(user), entryId, body.IdempotencyKey, body.Reason,
            UserId(user), ct);
        return ApiErrors.Ok(result, r => new { entry_id = r.EntryId, refunded = r.Refunded, balance = r.Balance });
    }
}
