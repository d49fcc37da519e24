namespace TokenSaas.Ledger;

/// <summary>
/// One immutable line of an account's history. Entries are only ever inserted (by the
/// LedgerWriter); the unique (account, idempotency key) pair is what makes every ledger
/// operation safe to retry.
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

    public long Id { get; private set; }

    public long AccountId { get; private set; }

    public LedgerEntryType Type { get; private set; }

    /// <summary>Signed: + credit, − debit.</summary>
    public long Amount { get; private set; }

    public long BalanceAfter { get; private set; }

    /// <summary>For grants and expiries: the bucket concerned.</summary>
    public GrantBucket? Bucket { get; private set; }

    /// <summary>
    /// The grant concerned: the one credited (grant, adjustment up), emptied (expire), or the
    /// only one that paid a debit. Debits split across grants list their parts in ledger_allocations.
    /// </summary>
    public long? GrantId { get; private set; }

    public string? Feature { get; private set; }

    public int? Quantity { get; private set; }

    public long? HoldId { get; private set; }

    /// <summary>The entry this one undoes (a refund of a spend, the release of a hold). At most one per entry.</summary>
    public long? ReversalOfEntryId { get; private set; }

    /// <summary>Who caused it: a user id, an admin's id, or "system".</summary>
    public string Actor { get; private set; }

    public string Description { get; private set; }

    /// <summary>Free-form JSON for context that has no column of its own.</summary>
    public string? Metadata { get; private set; }

    public string IdempotencyKey { get; private set; }

    /// <summary>A fingerprint of the request that used <see cref="IdempotencyKey"/>, to tell a replay from a conflict.</summary>
    public string? RequestHash { get; private set; }

    /// <summary>The payment or promotion this entry belongs to.</summary>
    public string? CorrelationId { get; private set; }

    public DateTime CreatedAt { get; private set; }
}
