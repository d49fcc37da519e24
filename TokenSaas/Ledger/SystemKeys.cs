namespace TokenSaas.Ledger;

/// <summary>
/// Idempotency keys the ledger makes for itself. They start with '~', which callers' keys may
/// not, so a client can never block or replay a system operation by guessing its key.
/// </summary>
public static class SystemKeys
{
    public const char Prefix = '~';

    public const string Welcome = "~welcome";

    public static string Capture(long holdId) => $"~capture:{holdId}";

    public static string Release(long holdId) => $"~release:{holdId}";

    public static string Expire(long grantId) => $"~expire:{grantId}";

    public static string Day(string day) => $"~daily:{day}";

    public static string Gift(long giftOutEntryId) => $"~gift:{giftOutEntryId}";

    public static string Login(string day) => $"~login:{day}";

    public static string Referral(string referredUserId) => $"~referral:{referredUserId}";

    public static string Month(string month) => $"~plan:{month}";

    public static string PlanClosed(long grantId) => $"~plan-close:{grantId}";

    public static string PlanEnded(DateTime endedAt) => $"~plan-end:{endedAt.Ticks}";

    public static string PlanChange() => $"~plan-change:{Guid.NewGuid():N}";

    /// <summary>Tokens given back by <paramref name="reversalEntryId"/> to a grant that had already expired.</summary>
    public static string ExpireReturned(long grantId, long reversalEntryId) => $"~expire:{grantId}:after:{reversalEntryId}";

    /// <summary>Null when <paramref name="key"/> is acceptable from a caller, else what is wrong with it.</summary>
    public static string? Validate(string? key) => key switch
    {
        null or "" => "idempotency_key is required.",
        { Length: > LedgerEntry.MaxIdempotencyKeyLength } =>
            $"idempotency_key must be at most {LedgerEntry.MaxIdempotencyKeyLength} characters.",
        _ when string.IsNullOrWhiteSpace(key) => "idempotency_key must not be blank.",
        _ when key[0] == Prefix => $"idempotency_key must not start with '{Prefix}' (reserved).",
        _ when key.Any(char.IsControl) => "idempotency_key must not contain control characters.",
        _ => null,
    };
}
