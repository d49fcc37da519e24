using TokenSaas.Data;
using TokenSaas.Ledger;

namespace TokenSaas.Api;

// Request bodies. Everything is nullable so a missing field is our clear 400, not a binder's.
public sealed record TokenRequest(string? Email, string? Password);

public sealed record SpendRequest(string? Feature, string? IdempotencyKey, int? Quantity);

public sealed record RefundRequest(long? EntryId, string? IdempotencyKey, string? Reason);

/// <summary>How entries look on the wire (snake_case, as SPEC section 7 lists them).</summary>
public static class ApiShapes
{
    public static object Entry(LedgerEntry e) => new
    {
        id = e.Id,
        type = SnakeCaseEnumConverter<LedgerEntryType>.ToSnakeCase(e.Type),
        amount = e.Amount,
        balance_after = e.BalanceAfter,
        feature = e.Feature,
        bucket = e.Bucket is { } b ? SnakeCaseEnumConverter<GrantBucket>.ToSnakeCase(b) : null,
        description = e.Description,
        created_at = e.CreatedAt,
    };

    public static object Balance(TokenBalance balance, DateTime? nextDailyReset) => new
    {
        total = balance.Total,
        unlimited = balance.Unlimited,
        buckets = Buckets(balance),
        next_daily_reset_at = nextDailyReset,
    };

    /// <summary>The spendable balance by bucket; the same four names in every API that shows them.</summary>
    public static object Buckets(TokenBalance balance) => new
    {
        daily = balance[GrantBucket.Daily],
        plan = balance[GrantBucket.Plan],
        bonus = balance[GrantBucket.Bonus],
        purchased = balance[GrantBucket.Purchased],
    };
}
