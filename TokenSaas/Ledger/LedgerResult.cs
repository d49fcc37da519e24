namespace TokenSaas.Ledger;

public enum LedgerError
{
    /// <summary>The request itself is malformed (400).</summary>
    Invalid,
    UnknownFeature,
    InsufficientTokens,
    /// <summary>The idempotency key was used before for a different request (409).</summary>
    IdempotencyConflict,
    NotFound,
    /// <summary>The hold was captured, released or expired already (409).</summary>
    HoldSettled,
    NotRefundable,
    /// <summary>Moving up to a paid plan needs a paid payment for it (402).</summary>
    PaymentRequired,
    Forbidden,
    /// <summary>A payment gateway did not answer (502); nothing was charged.</summary>
    GatewayUnavailable,
    /// <summary>A studio action could not make anything from its input; its tokens were returned (422).</summary>
    ActionFailed,
    /// <summary>An admin-set spend limit would be passed (429); <see cref="LedgerFailure.RetryAfter"/> says when it will not be.</summary>
    LimitExceeded,
}

public sealed record LedgerFailure(LedgerError Code, string Message, long? Balance = null, long? Required = null)
{
    /// <summary>Seconds until the request could succeed (limits).</summary>
    public int? RetryAfter { get; init; }
}

/// <summary>What a ledger operation answers: its value, or why nothing was done.</summary>
public readonly record struct LedgerResult<T>(T? Value, LedgerFailure? Failure)
{
    public bool Succeeded => Failure is null;

    public static implicit operator LedgerResult<T>(T value) => new(value, null);

    public static implicit operator LedgerResult<T>(LedgerFailure failure) => new(default, failure);
}

public sealed record SpendResult(long EntryId, string Feature, long Spent, long Balance);

public sealed record HoldResult(long HoldId, long Amount, DateTime ExpiresAt, long Balance);

public sealed record CaptureResult(long EntryId, long Spent, long Balance);

public sealed record ReleaseResult(long Released, long Balance);

public sealed record RefundResult(long EntryId, long Refunded, long Balance);

public sealed record GrantResult(long EntryId, long GrantId, long Amount, long Balance);

public sealed record AdjustResult(long EntryId, long Amount, long Balance);

/// <summary>What was left of a grant and was voided, and the balance after.</summary>
public sealed record VoidResult(long EntryId, long Voided, long Balance);

/// <summary>An account's admin-set flags: unlimited, and its spend limits (tokens per hour, per 24 hours).</summary>
public sealed record AccountFlags(bool Unlimited, long? PerHour, long? PerDay);

/// <summary>Seed 003's view of the plan quota: <c>remaining = quota - used</c>, below zero after a downgrade.</summary>
public sealed record PlanUsage(string Plan, long TokenQuota, long TokenUsed, long Remaining, DateTime? PlanEndAt)
{
    /// <summary>The version of the plan the account is on.</summary>
    public int Version { get; init; } = 1;
}

/// <summary>The daily allowance: whether a refill is due now, when the last and next are, and how many tokens it gives.</summary>
public sealed record DailyStatus(bool Due, DateTime? LastReset, DateTime? NextReset, long DailyTokens);

/// <summary>A refund's clawback: what was taken back, and what could not be because it was already spent.</summary>
public sealed record ClawbackResult(long EntryId, long Taken, long Shortfall, long Balance);

/// <summary>A gift sent: the giver's entry, the amount, and the giver's balance after.</summary>
public sealed record GiftResult(long EntryId, long Amount, long Balance);
