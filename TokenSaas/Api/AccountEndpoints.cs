using System.Security.Claims;
using TokenSaas.Features;
using TokenSaas.Ledger;

namespace TokenSaas.Api;

/// <summary>/api/v1: what the signed-in user has, has done, and can spend on.</summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapGet("/balance", async (ClaimsPrincipal user, LedgerService ledger, CancellationToken ct) =>
                Results.Json(ApiShapes.Balance(await ledger.GetBalanceAsync(LedgerEndpoints.UserId(user), ct), null)))
            .WithSummary("The spendable balance, bucket by bucket.");
        v1.MapGet("/transactions", TransactionsAsync)
            .WithSummary("Ledger entries, newest first; pass `next` back as `after` for the following page.");
        v1.MapGet("/features", async (FeatureCatalog catalog, CancellationToken ct) => Results.Json(new
            {
                items = (await catalog.AllAsync(ct)).Select(f => new
                {
                    key = f.Key, name = f.Name, category = f.Category, description = f.Description, cost = f.Cost, free = f.IsFree,
                }),
            }))
            .WithSummary("The feature catalogue with token costs.");
    }

    private static async Task<IResult> TransactionsAsync(string? limit, string? after, ClaimsPrincipal user, LedgerService ledger,
        CancellationToken ct)
    {
        var size = 20;
        if (limit is not null && (!int.TryParse(limit, out size) || size is < 1 or > LedgerFilter.MaxLimit))
        {
            return ApiErrors.Error(StatusCodes.Status400BadRequest, $"limit must be a whole number from 1 to {LedgerFilter.MaxLimit}");
        }

        long? cursor = null;
        if (after is not null)
        {
            if (!long.TryParse(after, out var parsed) || parsed <= 0)
            {
                return ApiErrors.Error(StatusCodes.Status400BadRequest, "after must be the `next` value of a previous page");
            }

            cursor = parsed;
        }

        var page = await ledger.GetEntriesAsync(LedgerEndpoints.UserId(user), new LedgerFilter { Limit = size, After = cursor }, ct);
        return Results.Json(new { items = page.Items.Select(ApiShapes.Entry), next = page.Next?.ToString() });
    }
}
