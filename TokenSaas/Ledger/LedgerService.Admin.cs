using Microsoft.EntityFrameworkCore;
using TokenSaas.Audit;
using TokenSaas.Ledger.Writing;

namespace TokenSaas.Ledger;

/// <summary>
/// An admin's act: who, why, and the key of the submit (a double click or a retry does it once).
/// </summary>
public sealed record AdminAct(AdminActor Actor, string? Reason, string? IdempotencyKey)
{
    public string? Validate() => SystemKeys.Validate(IdempotencyKey) ?? ValidateReason(Reason);

    public static string? ValidateReason(string? reason) => reason?.Trim() switch
    {
        null or "" => "a reason is required.",
        { Length: > AuditEntry.MaxReasonLength } => $"the reason must be at most {AuditEntry.MaxReasonLength} characters.",
        _ => null,
    };
}

/// <summary>
/// Admins' token operations. Each one writes its audit row in the same writer transaction as the
/// change, so the two commit together; a replayed key changes nothing and writes no second row.
/// </summary>
public sealed partial class LedgerService
{
    /// <summary>The most tokens one admin act may move.</summary>
    public const long MaxAdminAmount = 1_000_000_000;

    public static readonly TimeSpan EmergencyLifetime = TimeSpan.FromHours(72);

    public Task<LedgerResult<GrantResult>> AllocateAsync(string userId, long amount, DateTime? expiresAt, AdminAct act,
        bool emergency = false, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var expiry = emergency ? expiresAt ?? now + EmergencyLifetime : expiresAt;
        var error = amount is < 1 or > MaxAdminAmount ? $"the amount must be a whole number from 1 to {MaxAdminAmount:N0}."
            : expiry <= now ? "the expiry must be in the future."
            : null;
        var action = emergency ? AuditActions.Emergency : AuditActions.Allocate;
        var description = (emergency ? "Emergency allocation: " : "Bonus from an admin: ") + act.Reason?.Trim();
        return AuditedAsync(userId, action, act, error,
            ops => ops.Grant(ops.OpenAccount(userId), GrantBucket.Bonus, amount, expiry, emergency ? "emergency" : "admin",
                act.IdempotencyKey!, act.Actor.Id, description),
            r => (new { balance = r.Balance - r.Amount },
                new { balance = r.Balance, amount = r.Amount, expires_at = expiry, entry_id = r.EntryId, grant_id = r.GrantId }),
            cancellationToken);
    }

    /// <summary>Adds or takes tokens; taking never goes below zero (the user's live grants are spent in order).</summary>
    public Task<LedgerResult<AdjustResult>> AdminAdjustAsync(string userId, long delta, AdminAct act,
        CancellationToken cancellationToken = default) =>
        AuditedAsync(userId, AuditActions.Adjust, act,
            delta == 0 || Math.Abs(delta) > MaxAdminAmount ? $"the adjustment must be a non-zero whole number from -{MaxAdminAmount:N0} to {MaxAdminAmount:N0}." : null,
            ops => ops.Adjust(userId, delta, act.Reason!.Trim(), act.IdempotencyKey!, act.Actor.Id),
            r => (new { balance = r.Balance - r.Amount }, new { balance = r.Balance, amount = r.Amount, entry_id = r.EntryId }),
            cancellationToken);

    public Task<LedgerResult<AccountFlags>> SetUnlimitedAsync(string userId, bool unlimited, AdminAct act,
        CancellationToken cancellationToken = default) =>
        FlagsAsync(userId, AuditActions.Unlimited, act, null, ops => ops.SetUnlimited(userId, unlimited),
            f => new { unlimited = f.Unlimited }, cancellationToken);

    /// <summary>Spend limits in tokens per hour and per 24 hours (null: no limit).</summary>
    public Task<LedgerResult<AccountFlags>> SetLimitsAsync(string userId, long? perHour, long? perDay, AdminAct act,
        CancellationToken cancellationToken = default) =>
        FlagsAsync(userId, AuditActions.Limits, act,
            perHour is < 1 or > MaxAdminAmount || perDay is < 1 or > MaxAdminAmount
                ? $"limits must be whole numbers from 1 to {MaxAdminAmount:N0}, or empty for no limit."
                : null,
            ops => ops.SetLimits(userId, perHour, perDay), f => new { per_hour = f.PerHour, per_day = f.PerDay }, cancellationToken);

    /// <summary>Moves the user to a plan without a payment (seed 003's carry-over rules apply).</summary>
    public Task<LedgerResult<PlanUsage>> AdminChangePlanAsync(string userId, string? plan, bool resetUsed, AdminAct act,
        CancellationToken cancellationToken = default)
    {
        PlanUsage? before = null;
        return AuditedAsync(userId, AuditActions.Plan, act, string.IsNullOrWhiteSpace(plan) ? "choose a plan." : null,
            ops =>
            {
                ops.Refresh(userId);
                before = ops.Usage(ops.OpenAccount(userId));
                return ops.ChangePlan(userId, plan!, resetUsed, act.Actor.Id, act.IdempotencyKey!);
            },
            after => before!.Plan == after.Plan && !resetUsed ? null : (Usage(before!), Usage(after)),
            cancellationToken);

        static object Usage(PlanUsage u) => new { plan = u.Plan, version = u.Version, token_quota = u.TokenQuota, token_used = u.TokenUsed };
    }

    /// <summary>Refunds any spend of any age back to the grants that paid for it.</summary>
    public async Task<LedgerResult<RefundResult>> AdminRefundAsync(long entryId, AdminAct act, CancellationToken cancellationToken = default)
    {
        var userId = await db.LedgerEntries.Where(e => e.Id == entryId)
            .Join(db.TokenAccounts, e => e.AccountId, a => a.Id, (e, a) => a.UserId).SingleOrDefaultAsync(cancellationToken);
        if (userId is null)
        {
            return new LedgerFailure(LedgerError.NotFound, $"entry {entryId} not found");
        }

        return await AuditedAsync(userId, AuditActions.Refund, act, null,
            ops => ops.Refund(null, entryId, act.IdempotencyKey!, act.Reason!.Trim(), act.Actor.Id, null),
            r => (new { balance = r.Balance - r.Refunded }, new { balance = r.Balance, refunded = r.Refunded, entry_id = entryId, refund_entry_id = r.EntryId }),
            cancellationToken);
    }

    /// <summary>Expires what is left of one of the user's grants now.</summary>
    public Task<LedgerResult<VoidResult>> VoidGrantAsync(string userId, long grantId, AdminAct act,
        CancellationToken cancellationToken = default) =>
        AuditedAsync(userId, AuditActions.VoidGrant, act, null,
            ops => ops.VoidGrant(userId, grantId, act.IdempotencyKey!, act.Reason!.Trim(), act.Actor.Id),
            r => (new { balance = r.Balance + r.Voided, grant_id = grantId }, new { balance = r.Balance, voided = r.Voided, entry_id = r.EntryId }),
            cancellationToken);

    public async Task<AccountFlags> GetFlagsAsync(string userId, CancellationToken cancellationToken = default) =>
        (await writer.RunAsync<AccountFlags>(userId, ops => ops.Flags(userId)).WaitAsync(cancellationToken)).Value!;

    private Task<LedgerResult<AccountFlags>> FlagsAsync(string userId, string action, AdminAct act, string? error,
        Func<LedgerOperations, AccountFlags> change, Func<AccountFlags, object> shape, CancellationToken cancellationToken)
    {
        AccountFlags? before = null;
        return AuditedAsync<AccountFlags>(userId, action, act, error,
            ops =>
            {
                before = change(ops);
                return ops.Flags(userId);
            },
            after => shape(before!).Equals(shape(after)) ? null : (shape(before!), shape(after)),
            cancellationToken);
    }

    /// <summary>
    /// Checks the act and the user, runs <paramref name="operation"/> on the writer, and when it
    /// changed something (<paramref name="describe"/> gives before and after), appends the audit row
    /// in the same transaction under a key derived from the submit's.
    /// </summary>
    private async Task<LedgerResult<T>> AuditedAsync<T>(string userId, string action, AdminAct act, string? error,
        Func<LedgerOperations, LedgerResult<T>> operation, Func<T, (object Before, object After)?> describe,
        CancellationToken cancellationToken)
    {
        if ((error ?? act.Validate()) is { } invalid)
        {
            return new LedgerFailure(LedgerError.Invalid, char.ToUpperInvariant(invalid[0]) + invalid[1..]);
        }

        // Checked on the writer, not through this scope's DbContext: callers may run several acts at once.
        return await writer.RunAsync(userId, ops =>
        {
            if (!ops.UserExists(userId))
            {
                return new LedgerFailure(LedgerError.NotFound, $"user {userId} not found");
            }

            var result = operation(ops);
            if (result.Value is { } value && describe(value) is var (before, after))
            {
                ops.Audit(new AuditRecord(act.Actor, action, AuditTargets.User, userId, act.Reason!.Trim())
                {
                    Before = before,
                    After = after,
                    IdempotencyKey = $"{action}:{userId}:{act.IdempotencyKey}",
                });
            }

            return result;
        }).WaitAsync(cancellationToken);
    }
}
