using System.Text.Json;
using TokenSaas.Audit;
using TokenSaas.Features;
using TokenSaas.Ledger;

namespace TokenSaas.Api;

/// <summary>A feature request; <see cref="CostPerUse"/> stays raw so that null (clear it) and absent (leave it) differ.</summary>
public sealed record FeatureRequest(string? Key, string? Name, string? Category, string? Description, long? Cost, JsonElement CostPerUse,
    bool? Active, int? SortOrder, string? Reason, string? IdempotencyKey)
{
    public FeatureChange? Change => CostPerUse.ValueKind switch
    {
        JsonValueKind.Undefined => Base,
        JsonValueKind.Null => Base with { SetsCostPerUse = true, CostPerUse = null },
        JsonValueKind.Number when CostPerUse.TryGetInt64(out var amount) => Base with { SetsCostPerUse = true, CostPerUse = amount },
        _ => null,
    };

    private FeatureChange Base => new()
    {
        Name = Name, Category = Category, Description = Description, Cost = Cost, Active = Active, SortOrder = SortOrder,
    };
}

/// <summary>SPEC 10.3's features: list, create, change (cost with history; active: false hides it), and the cost history.</summary>
public static class AdminFeatureEndpoints
{
    public static void MapAdminFeatureEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapGet("/features", async (FeatureEditor features, CancellationToken ct) => Results.Json(new { items = await features.ListAsync(ct) }))
            .WithSummary("Every feature, hidden ones too, with its cost in tokens and cost per use to us (minor units of Analytics:Currency).");
        admin.MapGet("/features/{key}", async (string key, FeatureEditor features, CancellationToken ct) =>
                await features.FindAsync(key, ct) is { } feature ? Results.Json(feature) : NotFound(key))
            .WithSummary("One feature.");
        admin.MapPost("/features", async (FeatureRequest? body, HttpContext http, FeatureEditor features, CancellationToken ct) =>
                body?.Change is not { } change ? Refuse(body)
                : CatalogueAnswers.From(await features.CreateAsync(body.Key, change, Act(http, body), ct), StatusCodes.Status201Created))
            .WithSummary("Create a feature (key, name, category, description, cost, cost_per_use, active) with a reason; once per idempotency_key.");
        admin.MapPut("/features/{key}", async (string key, FeatureRequest? body, HttpContext http, FeatureEditor features, CancellationToken ct) =>
                body?.Change is not { } change ? Refuse(body) : CatalogueAnswers.From(await features.UpdateAsync(key, change, Act(http, body), ct)))
            .WithSummary("Change a feature's cost (recorded in its history), cost per use, name, category, description or active, with a reason.");
        admin.MapGet("/features/{key}/history", async (string key, FeatureEditor features, CancellationToken ct) =>
                await features.HistoryAsync(key, ct) is { } changes
                    ? Results.Json(new
                    {
                        items = changes.Select(c => new
                        {
                            changed_at = c.ChangedAt, changed_by = c.ActorEmail, reason = c.Reason, cost_before = c.CostBefore, cost_after = c.CostAfter,
                            cost_per_use_before = c.CostPerUseBefore, cost_per_use_after = c.CostPerUseAfter,
                        }),
                    })
                    : NotFound(key))
            .WithSummary("A feature's cost changes, newest first (the first row is the cost it was created with).");
    }

    private static IResult Refuse(FeatureRequest? body) => body is null ? CatalogueAnswers.NoBody
        : ApiErrors.Error(StatusCodes.Status400BadRequest, "cost_per_use must be a whole number of minor units, or null");

    private static IResult NotFound(string key) => ApiErrors.Error(StatusCodes.Status404NotFound, $"There is no feature '{key}'.");

    private static AdminAct Act(HttpContext http, FeatureRequest body) => new(AdminActor.From(http), body.Reason, body.IdempotencyKey);
}
