namespace TokenSaas.Ledger;

/// <summary>Which entries to list: all filters optional; <see cref="After"/> is the keyset cursor (an entry id).</summary>
public sealed record LedgerFilter
{
    public const int MaxLimit = 100;

    public LedgerEntryType? Type { get; init; }

    /// <summary>Any of these types (the history's kinds in words); null: all.</summary>
    public IReadOnlyCollection<LedgerEntryType>? Types { get; init; }

    /// <summary>Inclusive, UTC.</summary>
    public DateTime? From { get; init; }

    /// <summary>Exclusive, UTC.</summary>
    public DateTime? Until { get; init; }

    public long? After { get; init; }

    public int Limit { get; init; } = 20;
}

/// <summary>One page of entries, newest first, and the cursor for the next (null on the last page).</summary>
public sealed record LedgerPage(IReadOnlyList<LedgerEntry> Items, long? Next);

/// <summary>Tokens to credit: a welcome, a purchase, a promotion, an admin allocation.</summary>
public sealed record TokenGrant(GrantBucket Bucket, long Amount, string Source, string IdempotencyKey, string Actor,
    string Description)
{
    public DateTime? ExpiresAt { get; init; }

    public string? CorrelationId { get; init; }

    /// <summary>Set for periodic grants (a day, a month): at most one per account, bucket and period.</summary>
    public string? PeriodKey { get; init; }

    public string? Validate() => this switch
    {
        { Amount: <= 0 or > 1_000_000_000 } => "amount must be between 1 and 1,000,000,000.",
        { Source.Length: 0 or > 200 } => "source must be 1 to 200 characters.",
        { Description.Length: > 500 } => "description must be at most 500 characters.",
        { IdempotencyKey.Length: 0 or > LedgerEntry.MaxIdempotencyKeyLength } => "idempotency key must be 1 to 200 characters.",
        _ => null,
    };
}
