using TokenSaas.Admin;
using TokenSaas.Audit;
using TokenSaas.Ledger;
using TokenSaas.Payments;

namespace TokenSaas.Api;

public sealed record PackRequest(string? Key, string? Name, long? Tokens, long? BonusTokens, List<PriceInput?>? Prices, bool? Active,
    int? SortOrder, string? Reason, string? IdempotencyKey)
{
    public PackChange Change => new(Name, Tokens, BonusTokens, Prices, Active, SortOrder);
}

/// <summary>SPEC 10.3's packs: list, create, change (hide with active: false); every write audited, once per idempotency key.</summary>
public static class AdminPackEndpoints
{
    public static void MapAdminPackEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapGet("/packs", async (PackEditor packs, CancellationToken ct) => Results.Json(new { items = await packs.ListAsync(null, ct) }))
            .WithSummary("Every pack, hidden ones too, with its prices per currency (minor units).");
        admin.MapGet("/packs/{key}", async (string key, PackEditor packs, CancellationToken ct) =>
                await packs.FindAsync(key, ct) is { } pack ? Results.Json(pack) : ApiErrors.Error(StatusCodes.Status404NotFound, $"There is no pack '{key}'."))
            .WithSummary("One pack.");
        admin.MapPost("/packs", async (PackRequest? body, HttpContext http, PackEditor packs, CancellationToken ct) =>
                body is null ? CatalogueAnswers.NoBody
                : CatalogueAnswers.From(await packs.CreateAsync(body.Key, body.Change, Act(http, body.Reason, body.IdempotencyKey), ct),
                    StatusCodes.Status201Created))
            .WithSummary("Create a pack (key, name, tokens, bonus_tokens, prices, active, sort_order) with a reason; once per idempotency_key.");
        admin.MapPut("/packs/{key}", async (string key, PackRequest? body, HttpContext http, PackEditor packs, CancellationToken ct) =>
                body is null ? CatalogueAnswers.NoBody
                : CatalogueAnswers.From(await packs.UpdateAsync(key, body.Change, Act(http, body.Reason, body.IdempotencyKey), ct)))
            .WithSummary("Change any of a pack's fields (active: false hides it) with a reason; payments already started keep their price.");
    }

    private static AdminAct Act(HttpContext http, string? reason, string? key) => new(AdminActor.From(http), reason, key);
}

/// <summary>An edit's result as the admin API answers it: the thing, or {"error"} with 400, 404 or 409.</summary>
public static class CatalogueAnswers
{
    public static IResult NoBody => ApiErrors.Error(StatusCodes.Status400BadRequest, "invalid body: a JSON body is required");

    public static IResult From<T>(EditResult<T> result, int status = StatusCodes.Status200OK) => result.Outcome switch
    {
        EditOutcome.Invalid => ApiErrors.Error(StatusCodes.Status400BadRequest, result.Message),
        EditOutcome.NotFound => ApiErrors.Error(StatusCodes.Status404NotFound, result.Message),
        EditOutcome.Conflict => ApiErrors.Error(StatusCodes.Status409Conflict, result.Message),
        EditOutcome.Unchanged => Results.Json(result.Value),
        _ => Results.Json(result.Value, statusCode: status),
    };
}
