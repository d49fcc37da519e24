using System.Security.Claims;
using TokenSaas.Infrastructure;
using TokenSaas.Promotions;

namespace TokenSaas.Api;

public sealed record RedeemRequest(string? Code);

/// <summary>/api/v1/redeem: a free-token code turned into tokens, as the /tokens/redeem page does it.</summary>
public static class RedeemEndpoints
{
    public static void MapRedeemEndpoints(this RouteGroupBuilder v1) =>
        v1.MapPost("/redeem", RedeemAsync).RequireRateLimiting(ApiSetup.PaymentsRateLimit)
            .WithSummary("Redeem a free-token code: `{code}` → `{code, tokens, expires_at, balance}`; a code that does not apply is a 400 saying why.");

    private static async Task<IResult> RedeemAsync(RedeemRequest? body, HttpContext context, ClaimsPrincipal user, FreeTokenRedeemer redeemer,
        CancellationToken ct) =>
        string.IsNullOrWhiteSpace(body?.Code)
            ? ApiErrors.Error(StatusCodes.Status400BadRequest, "invalid body: code is required")
            : ApiErrors.Ok(await redeemer.RedeemAsync(LedgerEndpoints.UserId(user), body.Code, ClientAddress.Of(context), ct), r => new
            {
                code = r.Code,
                tokens = r.Tokens,
                expires_at = r.ExpiresAt,
                balance = r.Balance,
            });
}
