using System.Text.Json.Nodes;
using TokenSaas.Audit;
using TokenSaas.Plans;

namespace TokenSaas.Api;

/// <summary>Seed 002's pricing endpoints: plans, their versions and the impact of a change (SPEC 10.3).</summary>
public static class AdminPricingEndpoints
{
    public static void MapAdminPricingEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapGet("/pricing/plans", async (PlanEditor editor, CancellationToken ct) =>
                Results.Json(new { items = (await editor.ListAsync(ct)).Select(r => PlanJson.Shape(r.Plan, r.Subscribers)) }))
            .WithSummary("Plans with their current version, prices and subscribers per version.");
        admin.MapPost("/pricing/plans", CreateAsync)
            .WithSummary("Create a plan (its version 1) with a reason.");
        admin.MapPut("/pricing/plans/{id}", UpdateAsync)
            .WithSummary("Change a plan; a change of price, quota or duration publishes a new version (grandfather, or migrate at effective_at).");
        admin.MapPost("/pricing/plans/{id}/preview", PreviewAsync)
            .WithSummary("What the same body would do: subscribers affected, revenue and tokens per period before → after.");
        admin.MapGet("/pricing/history/{planId}", HistoryAsync)
            .WithSummary("The plan's versions, newest first: who, when, why, terms before → after.");
    }

    private static async Task<IResult> CreateAsync(JsonObject body, PlanEditor editor, HttpContext http, CancellationToken ct)
    {
        var (input, error) = PlanJson.Read(body, new PlanInput());
        if (input is null)
        {
            return ApiErrors.Error(StatusCodes.Status400BadRequest, error!);
        }

        var saved = await editor.CreateAsync(input, AdminActor.From(http), ct);
        return await AnswerAsync(saved, editor, created: true, ct);
    }

    private static async Task<IResult> UpdateAsync(string id, JsonObject body, PlanEditor editor, HttpContext http, CancellationToken ct)
    {
        if (await editor.FindAsync(id, ct) is not { } plan)
        {
            return ApiErrors.Error(StatusCodes.Status404NotFound, $"plan '{id}' not found");
        }

        var (input, error) = PlanJson.Read(body, PlanInput.From(plan) with { ExpectedVersion = null });
        if (input is null)
        {
            return ApiErrors.Error(StatusCodes.Status400BadRequest, error!);
        }

        return await AnswerAsync(await editor.UpdateAsync(id, input, AdminActor.From(http), ct), editor, created: false, ct);
    }

    private static async Task<IResult> PreviewAsync(string id, JsonObject body, PlanEditor editor, CancellationToken ct)
    {
        if (await editor.FindAsync(id, ct) is not { } plan)
        {
            return ApiErrors.Error(StatusCodes.Status404NotFound, $"plan '{id}' not found");
        }

        var (read, error) = PlanJson.Read(body, PlanInput.From(plan));
        // A preview saves nothing, so it needs no reason.
        var input = read is null ? null : read with { Reason = string.IsNullOrWhiteSpace(read.Reason) ? "preview" : read.Reason };
        var errors = input is null ? null : await editor.ValidateAsync(input, plan, ct);
        if (input is null || errors!.Count > 0)
        {
            return ApiErrors.Error(StatusCodes.Status400BadRequest, error ?? Describe(errors!));
        }

        var impact = await editor.PreviewAsync(plan, input, ct);
        var main = impact.Revenue.FirstOrDefault();
        return Results.Json(new
        {
            subscribers = impact.Subscribers,
            affected = impact.Affected,
            new_version = impact.TermsChange ? plan.Version + 1 : (int?)null,
            grandfather = impact.Grandfather,
            migrate_at = impact.MigrateAt,
            currency = main?.Currency,
            revenue_before = main?.Before ?? 0,
            revenue_after = main?.After ?? 0,
            tokens_before = impact.TokensBefore,
            tokens_after = impact.TokensAfter,
            by_currency = impact.Revenue.Select(r => new
            {
                currency = r.Currency, revenue_before = r.Before, revenue_after = r.After, price_before = r.PriceBefore, price_after = r.PriceAfter,
            }),
        });
    }

    private static async Task<IResult> HistoryAsync(string planId, PlanEditor editor, CancellationToken ct)
    {
        if (await editor.FindAsync(planId, ct) is null)
        {
            return ApiErrors.Error(StatusCodes.Status404NotFound, $"plan '{planId}' not found");
        }

        return Results.Json(new
        {
            items = (await editor.HistoryAsync(planId, ct)).Select(h => new
            {
                version = h.Version.Number,
                changed_at = h.Version.CreatedAt,
                changed_by = h.Version.ActorEmail,
                reason = h.Version.Reason,
                before = h.Previous is null ? null : Terms(h.Previous),
                after = Terms(h.Version),
                grandfathered = h.Version.MigrateAt is null,
                migrate_at = h.Version.MigrateAt,
            }),
        });

        static object Terms(PlanVersion v) => new
        {
            monthly_tokens = v.MonthlyTokens,
            duration_days = v.DurationDays,
            prices = v.Prices.Select(p => new { currency = p.Currency, amount = p.Amount }),
        };
    }

    private static async Task<IResult> AnswerAsync(PlanSaved saved, PlanEditor editor, bool created, CancellationToken ct)
    {
        if (!saved.Succeeded)
        {
            return ApiErrors.Error(saved.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest, Describe(saved.Errors));
        }

        var subscribers = await editor.SubscribersAsync(saved.Plan!.Key, ct);
        var shape = new { plan = PlanJson.Shape(saved.Plan, subscribers), published = saved.Published, replayed = saved.Replayed };
        return created && !saved.Replayed ? Results.Json(shape, statusCode: StatusCodes.Status201Created) : Results.Json(shape);
    }

    private static string Describe(IReadOnlyDictionary<string, string> errors) =>
        string.Join(" ", errors.Select(e => $"{e.Key}: {e.Value}"));
}
