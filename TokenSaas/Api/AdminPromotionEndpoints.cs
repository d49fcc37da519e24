using TokenSaas.Audit;
using TokenSaas.Ledger;
using TokenSaas.Promotions;

namespace TokenSaas.Api;

public sealed record VariantRequest(string? Name, long? Value, int? Weight);

/// <summary>SPEC 10.4's promotion body; money in minor units, times with an offset or in the site's time zone.</summary>
public sealed record PromotionRequest(string? Name, string? Type, long? Value, string? Currency, string? Code, List<string>? Packs,
    List<string>? Plans, bool? NewBuyersOnly, long? MinAmount, long? MaxRedemptions, long? PerUserLimit, long? Budget, string? StartsAt,
    string? EndsAt, List<VariantRequest?>? Variants, List<string>? EligibleEmails, List<string>? EligiblePlans, long? TokenExpiryDays,
    string? Reason, string? IdempotencyKey)
{
    public PromotionInput Input => new()
    {
        Name = Name, Type = Type, Value = Value, Currency = Currency, Code = Code, Packs = Packs, Plans = Plans,
        NewBuyersOnly = NewBuyersOnly ?? false, MinAmount = MinAmount, MaxRedemptions = MaxRedemptions, PerUserLimit = PerUserLimit,
        Budget = Budget, StartsAt = StartsAt, EndsAt = EndsAt,
        Variants = Variants?.Select(v => new VariantInput(v?.Name, v?.Value, v?.Weight)).ToList(),
        EligibleEmails = EligibleEmails, EligiblePlans = EligiblePlans, TokenExpiryDays = TokenExpiryDays,
    };
}

public sealed record PromotionActRequest(string? Reason, string? IdempotencyKey);

/// <summary>SPEC 10.4's promotions: list (filters), one, create, update, pause, resume, end; every write audited, once per idempotency_key.</summary>
public static class AdminPromotionEndpoints
{
    public static void MapAdminPromotionEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapGet("/promotions", async (string? status, string? type, string? q, PromotionListing listing, CancellationToken ct) =>
                Filter(status, type, q) is ({ } filter, null)
                    ? Results.Json(new { items = await listing.ListAsync(filter, ct) })
                    : ApiErrors.Error(StatusCodes.Status400BadRequest, Filter(status, type, q).Error!))
            .WithSummary("Promotions, newest first, with their status and numbers; filters status, type and q (name or code).");
        admin.MapGet("/promotions/{id:long}", async (long id, PromotionListing listing, CancellationToken ct) =>
                await listing.FindAsync(id, ct) is { } view ? Results.Json(view) : ApiErrors.Error(StatusCodes.Status404NotFound, $"There is no promotion {id}."))
            .WithSummary("One promotion: its settings, status and numbers.");
        admin.MapPost("/promotions", async (PromotionRequest? body, HttpContext http, PromotionEditor editor, CancellationToken ct) =>
                body is null ? CatalogueAnswers.NoBody
                : CatalogueAnswers.From(await editor.CreateAsync(body.Input, Act(http, body.Reason, body.IdempotencyKey), ct), StatusCodes.Status201Created))
            .WithSummary("Create a promotion with a reason; once per idempotency_key.");
        admin.MapPut("/promotions/{id:long}", async (long id, PromotionRequest? body, HttpContext http, PromotionEditor editor, CancellationToken ct) =>
                body is null ? CatalogueAnswers.NoBody
                : CatalogueAnswers.From(await editor.UpdateAsync(id, body.Input, Act(http, body.Reason, body.IdempotencyKey), ct)))
            .WithSummary("Replace a promotion's settings with a reason; type and currency are fixed once it has been used.");
        MapState(admin, "pause", (editor, id, act, ct) => editor.PauseAsync(id, act, ct), "Pause a promotion: its codes are refused until it is resumed.");
        MapState(admin, "resume", (editor, id, act, ct) => editor.ResumeAsync(id, act, ct), "Resume a paused promotion.");
        MapState(admin, "end", (editor, id, act, ct) => editor.EndAsync(id, act, ct), "End a promotion now, for good.");
    }

    private static void MapState(RouteGroupBuilder admin, string verb,
        Func<PromotionEditor, long, AdminAct, CancellationToken, Task<Admin.EditResult<PromotionView>>> change, string summary) =>
        admin.MapPost($"/promotions/{{id:long}}/{verb}", async (long id, PromotionActRequest? body, HttpContext http, PromotionEditor editor,
                CancellationToken ct) =>
                body is null ? CatalogueAnswers.NoBody : CatalogueAnswers.From(await change(editor, id, Act(http, body.Reason, body.IdempotencyKey), ct)))
            .WithSummary(summary + " Takes {reason, idempotency_key?}.");

    private static (PromotionFilter? Filter, string? Error) Filter(string? status, string? type, string? q)
    {
        var s = PromotionText.ParseStatus(status);
        if (!string.IsNullOrWhiteSpace(status) && s is null)
        {
            return (null, "status must be one of: " + string.Join(", ", PromotionText.Statuses.Select(PromotionText.Status)) + ".");
        }

        var t = PromotionText.ParseType(type);
        if (!string.IsNullOrWhiteSpace(type) && t is null)
        {
            return (null, "type must be one of: " + string.Join(", ", PromotionText.Types.Select(PromotionText.Type)) + ".");
        }

        return (new PromotionFilter(s, t, q), null);
    }

    private static AdminAct Act(HttpContext http, string? reason, string? key) => new(AdminActor.From(http), reason, key);
}
