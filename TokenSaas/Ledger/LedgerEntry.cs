namespace TokenSaas.Ledger;

/// <summary>
/// One immutable line of an account's history. Entries are only ever inserted; the unique
/// (account, idempotency key) pair is what makes every ledger operation safe to retry.
/// </summary>
public sealed class LedgerEntry
{
    public const int MaxIdempotencyKeyLength = 200;

    private LedgerEntry()
    {
        IdempotencyKey = string.Empty;
        Actor = string.Empty;
        Description = string.Empty;
    }

    internal LedgerEntry(long accountId, LedgerEntryType type, long amount, long balanceAfter,
        string idempotencyKey, string actor, string description, DateTime createdAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(idempotencyKey.Length, MaxIdempotencyKeyLength);
        AccountId = accountId;
        Type = type;
        Amount = amount;
        BalanceAfter = balanceAfter;
        IdempotencyKey = idempotencyKey;
        Actor = actor;
        Description = description;
        CreatedAt = createdAt;
    }

    public long Id { get; private set; }

    public long AccountId { get; private set; }

    public TokenAccount? Account { get; private init; }

    public LedgerEntryType Type { get; private set; }

    /// <summary>Signed: + credit, − debit.</summary>
    public long Amount { get; private set; }

    public long BalanceAfter { get; private set; }

    public GrantBucket? Bucket { get; private init; }

    public long? GrantId { get; private init; }

    public Grant? Grant { get; private init; }

    public string? Feature { get; private init; }

    /// <summary>Who caused it: a user id, an admin's id, or "system".</summary>
    public string Actor { get; private set; }

    public string Description { get; private set; }

    /// <summary>Free-form JSON for context that has no column of its own.</summary>
    public string? Metadata { get; private init; }

    public string IdempotencyKey { get; private set; }

    /// <summary>A fingerprint of the request that used <see cref="IdempotencyKey"/>, to tell a replay from a conflict.</summary>
    public string? RequestHash { get; private init; }

    /// <summary>The payment, hold or promotion this entry belongs to.</summary>
    public string? CorrelationId { get; private init; }

    public DateTime CreatedAt { get; private set; }

    internal static LedgerEntry ForGrant(TokenAccount account, Grant grant, string idempotencyKey,
        string actor, string description, string? correlationId = null) =>
        new(account.Id, LedgerEntryType.Grant, grant.Amount, account.Balance, idempotencyKey, actor,
            description, grant.CreatedAt)
        {
            Account = account,
            Bucket = grant.Bucket,
            Grant = grant,
            CorrelationId = correlationId,
        };
}
