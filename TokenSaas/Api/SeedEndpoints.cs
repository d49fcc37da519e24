using System.Security.Claims;
using System.Text.Json;
using TokenSaas.Data;
using TokenSaas.Identity;
using TokenSaas.Ledger;

namespace TokenSaas.Api;

// Bodies the seeds send. JsonElement for set-plan: the seed answers "invalid body" for any shape
// it does not expect, and a typed binder would answer first with its own message.
public sealed record SetPlanRequest(string? Plan, bool? ResetUsed);

/// <summary>
/// The seeds' endpoints, with their paths, field names and error strings (seed 003:
/// /api/tokens/*; seed 001: /api/billing/*), on the same ledger.
/// </summary>
public static class SeedEndpoints
{
    // Seed 001 names its fields in camelCase (balanceTokens, lastTokenReset); the API's snake_case policy must not touch them.
    private static readonly JsonSerializerOptions Seed001Json = new(JsonSerializerDefaults.Web);

    public static void MapSeedEndpoints(this WebApplication app)
    {
        var tokens = app.MapGroup("/api/tokens").WithTags("seed 003")
            .RequireAuthorization(Infrastructure.Auth.ApiAuthSetup.UserPolicy)
            .AddEndpointFilter<CookieAntiforgeryFilter>();
        tokens.MapGet("/usage", async (ClaimsPrincipal user, LedgerService ledger, CancellationToken ct) =>
                Results.Json(Usage(await ledger.GetUsageAsync(LedgerEndpoints.UserId(user), ct))))
            .WithSummary("Plan quota and use; a new month resets use lazily, on this read.");
        tokens.MapPost("/set-plan", SetPlanAsync)
            .WithSummary("Change plan: carry-over on upgrade, new base on downgrade; reset_used for admins.");

        var billing = app.MapGroup("/api/billing").WithTags("seed 001")
            .AddEndpointFilter<CookieAntiforgeryFilter>();
        billing.MapGet("/balance", BalanceAsync).RequireAuthorization(Infrastructure.Auth.ApiAuthSetup.UserPolicy)
            .WithSummary("The balance, with when the daily allowance was last and will next be refilled.");
        billing.MapGet("/transactions", TransactionsAsync).RequireAuthorization(Infrastructure.Auth.ApiAuthSetup.UserPolicy)
            .WithSummary("Recent token transactions, newest first (seed 001's shape).");
        billing.MapPost("/daily-reset", async (Scheduling.PeriodSweeps sweeps, CancellationToken ct) =>
            {
                var result = await sweeps.SweepAsync(ct);
                return Results.Json(new { status = "ok", reset = result.Reset, checkedAccounts = result.Checked, date = result.Period },
                    Seed001Json);
            })
            .RequireAuthorization(Infrastructure.Auth.ApiAuthSetup.AdminPolicy)
            .WithSummary("Runs the daily refill for every account now (for cron). Idempotent: a second call resets none.");
        billing.MapGet("/daily-reset", DailyResetStatusAsync).RequireAuthorization(Infrastructure.Auth.ApiAuthSetup.UserPolicy)
            .WithSummary("Whether a daily refill is due, and when the next one is.");
    }

    private static object Usage(PlanUsage u) => new
    {
        plan = u.Plan,
        token_quota = u.TokenQuota,
        token_used = u.TokenUsed,
        remaining = u.Remaining,
        plan_end_at = u.PlanEndAt,
        plan_version = u.Version,
    };

    private static async Task<IResult> SetPlanAsync(HttpRequest request, ClaimsPrincipal user, LedgerService ledger,
        CancellationToken ct)
    {
        SetPlanRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<SetPlanRequest>(request.Body,
                new JsonSerializerOptions(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }, ct);
        }
        catch (JsonException)
        {
            body = null;
        }

        if (body is null)
        {
            return ApiErrors.Error(StatusCodes.Status400BadRequest, "invalid body");
        }

        var result = await ledger.ChangePlanAsync(LedgerEndpoints.UserId(user), body.Plan, body.ResetUsed ?? false,
            user.IsInRole(Roles.Admin), LedgerEndpoints.UserId(user), ct);
        return ApiErrors.Ok(result, u => new
        {
            status = "success",
            message = $"plan set to {u.Plan}",
            plan = u.Plan,
            token_quota = u.TokenQuota,
            token_used = u.TokenUsed,
            remaining = u.Remaining,
        });
    }

    private static async Task<IResult> BalanceAsync(ClaimsPrincipal user, LedgerService ledger, CancellationToken ct)
    {
        var userId = LedgerEndpoints.UserId(user);
        var balance = await ledger.GetBalanceAsync(userId, ct);
        var lastReset = (await ledger.GetDailyStatusAsync(userId, ct)).LastReset;
        return Results.Json(new
        {
            balanceTokens = balance.Total,
            unlimited = balance.Unlimited,
            buckets = ApiShapes.Buckets(balance),
            lastTokenReset = lastReset,
            nextTokenReset = ledger.NextDailyReset(),
        }, Seed001Json);
    }

    private static async Task<IResult> TransactionsAsync(string? limit, ClaimsPrincipal user, LedgerService ledger,
        CancellationToken ct)
    {
        var size = 50;
        if (limit is not null && (!int.TryParse(limit, out size) || size is < 1 or > LedgerFilter.MaxLimit))
        {
            return ApiErrors.Error(StatusCodes.Status400BadRequest, $"limit must be a whole number from 1 to {LedgerFilter.MaxLimit}");
        }

        var userId = LedgerEndpoints.UserId(user);
        var page = await ledger.GetEntriesAsync(userId, new LedgerFilter { Limit = size }, ct);
        return Results.Json(new
        {
            transactions = page.Items.Select(e => new
            {
                id = e.Id,
                userId,
                amount = e.Amount,
                type = SnakeCaseEnumConverter<LedgerEntryType>.ToSnakeCase(e.Type).ToUpperInvariant(),
                description = e.Description,
                metadata = e.Metadata is null ? null : JsonDocument.Parse(e.Metadata).RootElement.Clone() as JsonElement?,
                balanceAfter = e.BalanceAfter,
                createdAt = e.CreatedAt,
            }),
        }, Seed001Json);
    }

    private static async Task<IResult> DailyResetStatusAsync(ClaimsPrincipal user, LedgerService ledger, CancellationToken ct)
    {
        var status = await ledger.GetDailyStatusAsync(LedgerEndpoints.UserId(user), ct);
        return Results.Json(new
        {
            due = status.Due,
            lastTokenReset = status.LastReset,
            nextTokenReset = status.NextReset,
            dailyTokens = status.DailyTokens,
        }, Seed001Json);
    }
}
