namespace TokenSaas.Ledger;

/// <summary>A bucket of tokens with its own rules: where it came from, when it expires, what is left.</summary>
public sealed class Grant
{
    private Grant()
    {
        Source = string.Empty;
    }

    public Grant(TokenAccount account, GrantBucket bucket, long amount, string source, DateTime createdAt,
        DateTime? expiresAt = null, string? periodKey = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        if (expiresAt <= createdAt)
        {
            throw new ArgumentOutOfRangeException(nameof(expiresAt), "A grant must expire after it is made.");
        }

        Account = account;
        Bucket = bucket;
        Amount = amount;
        Remaining = amount;
        Source = source;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
        PeriodKey = periodKey;
    }

    public long Id { get; private set; }

    public long AccountId { get; private set; }

    public TokenAccount? Account { get; private set; }

    public GrantBucket Bucket { get; private set; }

    /// <summary>What was granted; never changes.</summary>
    public long Amount { get; private set; }

    public long Remaining { get; private set; }

    public DateTime? ExpiresAt { get; private set; }

    /// <summary>What made it: "welcome", "payment:…", "admin:…".</summary>
    public string Source { get; private set; }

    /// <summary>For periodic grants ("2026-11-21" for a daily refill): one grant per account, bucket and period.</summary>
    public string? PeriodKey { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public bool IsLive(DateTime now) => Remaining > 0 && (ExpiresAt is null || ExpiresAt > now);
}
