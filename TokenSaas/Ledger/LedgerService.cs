using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TokenSaas.Data;
using TokenSaas.Features;
using TokenSaas.Ledger.Writing;

namespace TokenSaas.Ledger;

/// <summary>
/// The only way balances, grants and ledger entries change. Requests are checked here, then
/// handed to the <see cref="LedgerWriter"/>, which applies them in order, durably and once per
/// idempotency key. Reads go straight to the database.
/// </summary>
public sealed partial class LedgerService(
    LedgerWriter writer,
    AppDbContext db,
    FeatureCatalog features,
    TimeProvider clock,
    TokenCalendar calendar,
    IOptions<TokensOptions> options,
    Analytics.SpendWatch spends)
{
    private TokensOptions Options => options.Value;

    /// <summary>Opens the user's account and credits the welcome bonus, once, however often it is called.</summary>
    public async Task<long> OpenAccountAsync(string userId, CancellationToken cancellationToken = default) =>
        (await writer.RunAsync<long>(userId, ops => ops.OpenAccount(userId)).WaitAsync(cancellationToken)).Value;

    public Task<LedgerResult<SpendResult>> SpendAsync(string userId, string? feature, int? quantity, string? idempotencyKey,
        string? actor = null, CancellationToken cancellationToken = default) =>
        DebitAsync(userId, feature, quantity, idempotencyKey, cancellationToken,
            (found, units) => writer.SpendAsync(new SpendRequest(userId, found.Key, found.Cost, units, idempotencyKey!, actor ?? userId)));

    public Task<LedgerResult<HoldResult>> HoldAsync(string userId, string? feature, int? quantity, string? idempotencyKey,
        string? actor = null, CancellationToken cancellationToken = default) =>
        DebitAsync(userId, feature, quantity, idempotencyKey, cancellationToken,
            (found, units) => writer.RunAsync(userId, ops =>
                ops.Hold(userId, found.Key, found.Cost, units, idempotencyKey!, actor ?? userId, Options.HoldTimeout)));

    public Task<LedgerResult<CaptureResult>> CaptureAsync(string userId, long holdId, CancellationToken cancellationToken = default) =>
        writer.RunAsync(userId, ops => ops.Capture(userId, holdId, userId)).WaitAsync(cancellationToken);

    public Task<LedgerResult<ReleaseResult>> ReleaseAsync(string userId, long holdId, CancellationToken cancellationToken = default) =>
        writer.RunAsync(userId, ops => ops.Release(userId, holdId, userId)).WaitAsync(cancellationToken);

    /// <summary>Releases a hold whose time ran out (the sweeper's job; any account).</summary>
    public Task<LedgerResult<ReleaseResult>> ReleaseExpiredHoldAsync(long holdId, CancellationToken cancellationToken = default) =>
        writer.RunAsync<ReleaseResult>(null, ops => ops.Release(null, holdId, LedgerOperations.SystemActor))
            .WaitAsync(cancellationToken);

    /// <summary>
    /// Refunds a spend (or a captured hold). A user may refund their own spends within the
    /// refund window; <paramref name="userId"/> null means an admin or the API key, any account, any age.
    /// </summary>
    public async Task<LedgerResult<RefundResult>> RefundAsync(string? userId, long entryId, string? idempotencyKey,
        string? reason, string actor, CancellationToken cancellationToken = default)
    {
        if (SystemKeys.Validate(idempotencyKey) is { } keyError)
        {
            return new LedgerFailure(LedgerError.Invalid, keyError);
        }

        if (reason is { Length: > 200 })
        {
            return new LedgerFailure(LedgerError.Invalid, "reason must be at most 200 characters.");
        }

        var window = userId is null ? (TimeSpan?)null : Options.RefundWindow;
        return await writer.RunAsync(userId, ops => ops.Refund(userId, entryId, idempotencyKey!, reason, actor, window))
            .WaitAsync(cancellationToken);
    }

    public async Task<LedgerResult<GrantResult>> GrantAsync(string userId, TokenGrant grant, CancellationToken cancellationToken = default)
    {
        if (grant.Validate() is { } error)
        {
            return new LedgerFailure(LedgerError.Invalid, error);
        }

        return await writer.RunAsync(userId, ops => ops.Grant(ops.OpenAccount(userId), grant.Bucket, grant.Amount,
            grant.ExpiresAt, grant.Source, grant.IdempotencyKey, grant.Actor, grant.Description, grant.CorrelationId,
            grant.PeriodKey)).WaitAsync(cancellationToken);
    }

    /// <summary>An admin's correction, with the reason on the record. Cannot take more than the user has.</summary>
    public async Task<LedgerResult<AdjustResult>> AdjustAsync(string userId, long delta, string? reason, string? idempotencyKey,
        string adminId, CancellationToken cancellationToken = default)
    {
        var error = SystemKeys.Validate(idempotencyKey) ?? (delta, reason?.Trim()) switch
        {
            (0, _) => "amount must not be zero.",
            (< -1_000_000_000 or > 1_000_000_000, _) => "amount must be between -1,000,000,000 and 1,000,000,000.",
            (_, null or "") => "a reason is required.",
            (_, { Length: > 200 }) => "reason must be at most 200 characters.",
            _ => null,
        };
        if (error is not null)
        {
            return new LedgerFailure(LedgerError.Invalid, error);
        }

        return await writer.RunAsync(userId, ops => ops.Adjust(userId, delta, reason!.Trim(), idempotencyKey!, adminId))
            .WaitAsync(cancellationToken);
    }

    public async Task<long> ExpireGrantAsync(long grantId, CancellationToken cancellationToken = default) =>
        (await writer.RunAsync<long>(null, ops => ops.ExpireGrant(grantId)).WaitAsync(cancellationToken)).Value;

    /// <summary>Applies what time has made due (plan end, new month, new day); true if anything was.</summary>
    public async Task<bool> RefreshAsync(string userId, CancellationToken cancellationToken = default) =>
        (await writer.RunAsync<bool>(userId, ops => ops.Refresh(userId)).WaitAsync(cancellationToken)).Value;

    /// <summary>The plan quota as seed 003 shows it, after any reset that is due.</summary>
    public async Task<PlanUsage> GetUsageAsync(string userId, CancellationToken cancellationToken = default) =>
        (await writer.RunAsync<PlanUsage>(userId, ops =>
        {
            ops.Refresh(userId);
            return ops.Usage(ops.OpenAccount(userId));
        }).WaitAsync(cancellationToken)).Value!;

    /// <summary>
    /// Moves the user to another plan (seed 003's rules). Moving up to a paid plan needs a paid
    /// payment for it (issue "Payments"; until then only admins may), and resetting usage is an
    /// admin's act: otherwise anyone could refill their quota at will.
    /// </summary>
    public async Task<LedgerResult<PlanUsage>> ChangePlanAsync(string userId, string? plan, bool resetUsed, bool byAdmin,
        string actor, CancellationToken cancellationToken = default)
    {
        var target = plan is null ? null : await db.Plans.AsNoTracking().Include(p => p.Prices)
            .SingleOrDefaultAsync(p => p.Key == plan && p.Active, cancellationToken);
        if (target is null)
        {
            return new LedgerFailure(LedgerError.Invalid, "invalid plan");
        }

        if (!byAdmin)
        {
            if (resetUsed)
            {
                return new LedgerFailure(LedgerError.Forbidden, "reset_used is for admins");
            }

            var account = await AccountAsync(userId, cancellationToken);
            // Against the subscriber's own version: a grandfathered one may give fewer tokens than the plan now does.
            var currentTokens = await db.PlanVersions.AsNoTracking()
                .Where(v => v.PlanKey == account.PlanKey && v.Number == account.PlanVersion)
                .Select(v => (long?)v.MonthlyTokens).SingleOrDefaultAsync(cancellationToken) ?? 0;
            if (target.IsPaid && target.MonthlyTokens > currentTokens)
            {
                return new LedgerFailure(LedgerError.PaymentRequired, "payment required");
            }
        }

        return await writer.RunAsync(userId, ops => ops.ChangePlan(userId, target.Key, resetUsed, actor, SystemKeys.PlanChange()))
            .WaitAsync(cancellationToken);
    }

    /// <summary>A plan bought with a payment, at the version it was priced at: applied once per payment, however often it is reported.</summary>
    public Task<LedgerResult<PlanUsage>> ApplyPaidPlanAsync(string userId, string plan, int? version, string paymentKey,
        CancellationToken cancellationToken = default) =>
        writer.RunAsync(userId, ops => ops.BuyPlan(userId, plan, version, paymentKey)).WaitAsync(cancellationToken);

    /// <summary>A refunded plan payment: the account goes back to the basic plan, once per refund.</summary>
    public Task<LedgerResult<PlanUsage>> EndPaidPlanAsync(string userId, string refundKey, CancellationToken cancellationToken = default) =>
        writer.RunAsync(userId, ops => ops.ChangePlan(userId, Plans.Plan.Basic, resetUsed: false, "payment", refundKey))
            .WaitAsync(cancellationToken);

    /// <summary>Gives tokens (bought or bonus ones only) to another user.</summary>
    public async Task<LedgerResult<GiftResult>> GiftAsync(string fromUserId, string toUserId, long amount, string? idempotencyKey,
        string note, CancellationToken cancellationToken = default)
    {
        var error = SystemKeys.Validate(idempotencyKey) ?? (amount, fromUserId == toUserId) switch
        {
            (_, true) => "you cannot send a gift to yourself.",
            (< 1 or > 1_000_000, _) => "the amount must be a whole number from 1 to 1,000,000.",
            _ => null,
        };
        if (error is not null)
        {
            return new LedgerFailure(LedgerError.Invalid, error);
        }

        return await writer.RunAsync(fromUserId, ops => ops.Gift(fromUserId, toUserId, amount, idempotencyKey!, note))
            .WaitAsync(cancellationToken);
    }

    /// <summary>Takes back what a refunded payment granted (what is left of it); reports what was already spent.</summary>
    /// <param name="what">What is being taken back, as the user's history says it ("Refund of payment", "Reversal of bulk batch 12").</param>
    public Task<LedgerResult<ClawbackResult>> ClawbackAsync(string userId, string correlationId, long amount, string key,
        string actor, string what = "Refund of payment", CancellationToken cancellationToken = default) =>
        writer.RunAsync(userId, ops => ops.Clawback(userId, correlationId, amount, key, actor, what)).WaitAsync(cancellationToken);

    /// <summary>When the daily allowance next refills (site time zone), or null when there is none.</summary>
    public DateTime? NextDailyReset() => Options.DailyFree > 0 ? calendar.NextMidnight(clock.GetUtcNow().UtcDateTime) : null;

    /// <summary>
    /// The daily allowance as it stands, without applying a refill that is due (so "due" can be
    /// true): seed 001's GET /api/billing/daily-reset.
    /// </summary>
    public async Task<DailyStatus> GetDailyStatusAsync(string userId, CancellationToken cancellationToken = default)
    {
        var account = await FindAccountAsync(userId, cancellationToken);
        var last = account is null
            ? null
            : await db.LedgerEntries.AsNoTracking()
                .Where(e => e.AccountId == account.Id && e.Type == LedgerEntryType.DailyReset)
                .OrderByDescending(e => e.Id).Select(e => (DateTime?)e.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        var due = Options.DailyFree > 0 && account?.DailyPeriod != calendar.DayKey(clock.GetUtcNow().UtcDateTime);
        return new DailyStatus(due, last, NextDailyReset(), Options.DailyFree);
    }

    public async Task<TokenBalance> GetBalanceAsync(string userId, CancellationToken cancellationToken = default)
    {
        var account = await AccountAsync(userId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var buckets = await db.Grants.AsNoTracking()
            .Where(g => g.AccountId == account.Id && g.Remaining > 0 && (g.ExpiresAt == null || g.ExpiresAt > now))
            .GroupBy(g => g.Bucket)
            .Select(g => new { Bucket = g.Key, Remaining = g.Sum(x => x.Remaining) })
            .ToDictionaryAsync(x => x.Bucket, x => x.Remaining, cancellationToken);
        return new TokenBalance(buckets.Values.Sum(), account.Unlimited, buckets);
    }

    /// <summary>The account's entries, newest first, <paramref name="filter"/> applied, one keyset page at a time.</summary>
    public async Task<LedgerPage> GetEntriesAsync(string userId, LedgerFilter filter, CancellationToken cancellationToken = default)
    {
        var account = await AccountAsync(userId, cancellationToken);
        var query = Filtered(account.Id, filter);
        var items = await query.OrderByDescending(e => e.Id).Take(filter.Limit + 1).ToListAsync(cancellationToken);
        return items.Count > filter.Limit
            ? new LedgerPage(items[..filter.Limit], items[filter.Limit - 1].Id)
            : new LedgerPage(items, null);
    }

    public async Task<IReadOnlyList<LedgerEntry>> GetRecentEntriesAsync(string userId, int count,
        CancellationToken cancellationToken = default) =>
        (await GetEntriesAsync(userId, new LedgerFilter { Limit = count }, cancellationToken)).Items;

    /// <summary>The account as of now: opened if new, and with any reset that time has made due applied first.</summary>
    private async Task<TokenAccount> AccountAsync(string userId, CancellationToken cancellationToken)
    {
        var account = await FindAccountAsync(userId, cancellationToken);
        if (account is null || Due(account))
        {
            await RefreshAsync(userId, cancellationToken);
            account = await FindAccountAsync(userId, cancellationToken);
        }

        return account!;
    }

    private bool Due(TokenAccount account)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return account.PlanEndAt <= now
               || account.PlanPeriod != calendar.MonthKey(now)
               || (Options.DailyFree > 0 && account.DailyPeriod != calendar.DayKey(now));
    }

    private Task<TokenAccount?> FindAccountAsync(string userId, CancellationToken cancellationToken) =>
        db.TokenAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.UserId == userId, cancellationToken);

    /// <summary>Checks a spend or hold request (feature, quantity, key) and, if it is sound, queues it at the catalogue's cost.</summary>
    private async Task<LedgerResult<T>> DebitAsync<T>(string userId, string? feature, int? quantity, string? idempotencyKey,
        CancellationToken cancellationToken, Func<Feature, int, Task<LedgerResult<T>>> operation)
    {
        var units = quantity ?? 1;
        var error = SystemKeys.Validate(idempotencyKey) ?? (feature, units) switch
        {
            (null or "", _) => "feature is required.",
            ({ Length: > Feature.MaxKeyLength }, _) => $"feature must be at most {Feature.MaxKeyLength} characters.",
            (_, < 1) => "quantity must be a whole number of at least 1.",
            (_, var q) when q > Options.MaxQuantity => $"quantity must be at most {Options.MaxQuantity}.",
            _ => null,
        };
        if (error is not null)
        {
            return new LedgerFailure(LedgerError.Invalid, error);
        }

        if (await features.FindAsync(feature!, cancellationToken) is not { } found)
        {
            return new LedgerFailure(LedgerError.UnknownFeature, $"unknown feature '{feature}'");
        }

        var result = await operation(found, units).WaitAsync(cancellationToken);
        if (result.Succeeded)
        {
            // Committed: the alert worker checks this user shortly (a set insert and a signal; nothing here waits on it).
            spends.Spent(userId);
        }

        return result;
    }
}
