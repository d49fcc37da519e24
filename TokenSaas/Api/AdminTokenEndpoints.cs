using Microsoft.EntityFrameworkCore;
using TokenSaas.Admin;
using TokenSaas.Audit;
using TokenSaas.Data;
using TokenSaas.Ledger;

namespace TokenSaas.Api;

public sealed record AllocateRequest(string[]? Emails, string[]? UserIds, long? Amount, DateTime? ExpiresAt, string? Reason,
    string? IdempotencyKey);

public sealed record UpdateUserRequest(long? Adjust, bool? Unlimited, string? Plan, bool? ResetUsed, string? Reason, string? IdempotencyKey);

public sealed record LimitsRequest(long? PerHour, long? PerDay, string? Reason, string? IdempotencyKey);

/// <summary>Seed 002's token administration: totals, the user list, allocations, and changes to one user.</summary>
public static class AdminTokenEndpoints
{
    public const int MaxRecipients = 1_000;

    public static void MapAdminTokenEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapGet("/tokens", async (string? from, string? to, TokenOverview overview, CancellationToken ct) =>
            overview.Range(from, to, out var error) is not var (start, end)
                ? ApiErrors.Error(StatusCodes.Status400BadRequest, error!)
                : Results.Json(Shape(await overview.GetAsync(start, end, ct))))
            .WithSummary("Token totals: accounts, outstanding by bucket, granted and spent per day and per feature (site time zone).");
        admin.MapGet("/tokens/users", UsersAsync)
            .WithSummary("Users with their plan, balance and lifetime figures; search, filters and paging with a total.");
        admin.MapPost("/tokens/allocate", AllocateAsync)
            .WithSummary("Give bonus tokens to up to 1,000 users by email or id, with a reason; once per idempotency key.");
        admin.MapPut("/tokens/users/{userId}", UpdateUserAsync)
            .WithSummary("Adjust a user's balance, set or unset unlimited, or change their plan without payment.");
        admin.MapPut("/tokens/users/{userId}/limits", LimitsAsync)
            .WithSummary("Spend limits for a user in tokens per hour and per 24 hours (null: none).");
    }

    private static object Shape(TokenTotals t) => new
    {
        accounts = t.Accounts,
        unlimited_accounts = t.UnlimitedAccounts,
        outstanding = new
        {
            total = t.Outstanding.Values.Sum(),
            daily = t.Outstanding[GrantBucket.Daily],
            plan = t.Outstanding[GrantBucket.Plan],
            bonus = t.Outstanding[GrantBucket.Bonus],
            purchased = t.Outstanding[GrantBucket.Purchased],
        },
        granted = t.Granted,
        spent = t.Spent,
        by_day = t.ByDay.Select(d => new { date = d.Date, granted = d.Granted, spent = d.Spent }),
        by_feature = t.ByFeature.Select(f => new { feature = f.Feature, uses = f.Uses, tokens = f.Tokens }),
    };

    private static async Task<IResult> UsersAsync(string? q, string? plan, string? unlimited, string? balance_below,
        string? inactive_since, string? sort, string? page, string? page_size, UserDirectory directory, CancellationToken ct)
    {
        var query = new UserListQuery
        {
            Q = q, Plan = plan, Unlimited = unlimited, BalanceBelow = balance_below, InactiveSince = inactive_since, Sort = sort,
            Page = page, PageSize = page_size,
        };
        var (filter, errors) = query.Check();
        if (filter is null)
        {
            return ApiErrors.Error(StatusCodes.Status400BadRequest, string.Join(" ", errors.Values));
        }

        var list = await directory.ListAsync(filter, ct);
        return Results.Json(new
        {
            items = list.Items.Select(u => new
            {
                user_id = u.UserId, email = u.Email, plan = u.Plan, balance = u.Balance, unlimited = u.Unlimited,
                lifetime_purchased = u.LifetimePurchased, lifetime_spent = u.LifetimeSpent, last_active_at = u.LastActiveAt,
                created_at = u.CreatedAt,
            }),
            page = list.Page,
            page_size = list.PageSize,
            total = list.Total,
        });
    }

    private static async Task<IResult> AllocateAsync(AllocateRequest? body, HttpContext http, UserDirectory directory,
        LedgerService ledger, CancellationToken ct)
    {
        var emails = body?.Emails?.Select(e => e?.Trim() ?? string.Empty).Distinct(StringComparer.OrdinalIgnoreCase).ToList() ?? [];
        var ids = body?.UserIds?.Select(i => i?.Trim() ?? string.Empty).Distinct().ToList() ?? [];
        var error = body is null ? "invalid body: a JSON body is required"
            : (emails.Count > 0) == (ids.Count > 0) ? "give either emails or user_ids"
            : emails.Count + ids.Count > MaxRecipients ? $"at most {MaxRecipients:N0} recipients a call"
            : emails.Concat(ids).Any(string.IsNullOrEmpty) ? "recipients must not be empty"
            : body.Amount is not { } amount || amount is < 1 or > LedgerService.MaxAdminAmount
                ? $"amount must be a whole number from 1 to {LedgerService.MaxAdminAmount:N0}"
            : new AdminAct(AdminActor.From(http), body.Reason, body.IdempotencyKey).Validate();
        if (error is not null)
        {
            return ApiErrors.Error(StatusCodes.Status400BadRequest, error.TrimEnd('.'));
        }

        var found = emails.Count > 0 ? await directory.FindByEmailsAsync(emails, ct) : await directory.FindByIdsAsync(ids, ct);
        var unknown = (emails.Count > 0 ? emails : ids).Where(r => !found.ContainsKey(r)).ToList();
        var recipients = found.Values.Distinct().ToList();
        if (unknown.Count > 0)
        {
            return ApiErrors.Error(StatusCodes.Status400BadRequest,
                $"unknown {(emails.Count > 0 ? "emails" : "user_ids")}: {string.Join(", ", unknown.Take(20))}{(unknown.Count > 20 ? ", …" : "")}; nothing was allocated");
        }

        var act = new AdminAct(AdminActor.From(http), body!.Reason, body.IdempotencyKey);
        var results = new List<object>();
        var allocated = 0;
        foreach (var chunk in recipients.Chunk(100))
        {
            var done = await Task.WhenAll(chunk.Select(r => ledger.AllocateAsync(r.Id, body.Amount!.Value, body.ExpiresAt, act, cancellationToken: ct)));
            for (var i = 0; i < chunk.Length; i++)
            {
                allocated += done[i].Succeeded ? 1 : 0;
                results.Add(new
                {
                    email = chunk[i].Email,
                    user_id = chunk[i].Id,
                    status = done[i].Succeeded ? "granted" : "failed",
                    entry_id = done[i].Value?.EntryId,
                    error = done[i].Failure?.Message,
                });
            }
        }

        return Results.Json(new { allocated, results });
    }

    private static async Task<IResult> UpdateUserAsync(string userId, UpdateUserRequest? body, HttpContext http, LedgerService ledger,
        AppDbContext db, CancellationToken ct)
    {
        if (body is null || (body.Adjust is null && body.Unlimited is null && body.Plan is null))
        {
            return ApiErrors.Error(StatusCodes.Status400BadRequest, "invalid body: give at least one of adjust, unlimited, plan");
        }

        var act = new AdminAct(AdminActor.From(http), body.Reason, body.IdempotencyKey);
        var error = act.Validate()
            ?? (body.Adjust is 0 or < -LedgerService.MaxAdminAmount or > LedgerService.MaxAdminAmount
                ? $"adjust must be a non-zero whole number from -{LedgerService.MaxAdminAmount:N0} to {LedgerService.MaxAdminAmount:N0}" : null)
            ?? (body.Plan is { } plan && !await db.Plans.AnyAsync(p => p.Key == plan && p.Active, ct) ? "invalid plan" : null);
        if (error is not null)
        {
            return ApiErrors.Error(StatusCodes.Status400BadRequest, error.TrimEnd('.'));
        }

        if (!await db.Users.AnyAsync(u => u.Id == userId, ct))
        {
            return ApiErrors.Error(StatusCodes.Status404NotFound, "user not found");
        }

        // One submit, up to three acts: each gets its own key derived from the submit's, and its own audit row.
        if (body.Adjust is { } delta && await ledger.AdminAdjustAsync(userId, delta, Part("adjust"), ct) is { Failure: { } adjustFailed })
        {
            return ApiErrors.From(adjustFailed);
        }

        if (body.Plan is { } planKey && await ledger.AdminChangePlanAsync(userId, planKey, body.ResetUsed ?? false, Part("plan"), ct)
                is { Failure: { } planFailed })
        {
            return ApiErrors.From(planFailed);
        }

        if (body.Unlimited is { } unlimited && await ledger.SetUnlimitedAsync(userId, unlimited, Part("unlimited"), ct)
                is { Failure: { } flagFailed })
        {
            return ApiErrors.From(flagFailed);
        }

        var balance = await ledger.GetBalanceAsync(userId, ct);
        var usage = await ledger.GetUsageAsync(userId, ct);
        return Results.Json(new { user_id = userId, balance = balance.Total, unlimited = balance.Unlimited, plan = usage.Plan });

        AdminAct Part(string what) => act with { IdempotencyKey = $"{act.IdempotencyKey}:{what}" };
    }

    private static async Task<IResult> LimitsAsync(string userId, LimitsRequest? body, HttpContext http, LedgerService ledger,
        CancellationToken ct)
    {
        if (body is null)
        {
            return ApiErrors.Error(StatusCodes.Status400BadRequest, "invalid body: a JSON body is required");
        }

        // Setting limits is idempotent by nature: the same values again change nothing and write no audit row.
        var act = new AdminAct(AdminActor.From(http), body.Reason, body.IdempotencyKey ?? $"limits-{Guid.NewGuid():N}");
        return ApiErrors.Ok(await ledger.SetLimitsAsync(userId, body.PerHour, body.PerDay, act, ct),
            f => new { user_id = userId, per_hour = f.PerHour, per_day = f.PerDay });
    }
}
