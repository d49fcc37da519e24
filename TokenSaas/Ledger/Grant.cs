namespace TokenSaas.Ledger;

/// <summary>A bucket of tokens with its own rules: where it came from, when it expires, what is left.</summary>
public sealed class Grant
{
    private Grant()
    {
        Source = string.Empty;
    }

    public long Id { get; private set; }

    public long AccountId { get; private set; }

    public GrantBucket Bucket { get; private set; }

    /// <summary>What was granted; never changes.</summary>
    public long Amount { get; private set; }

    public long Remaining { get; private set; }

    public DateTime? ExpiresAt { get; private set; }

    /// <summary>What made it: "welcome", "payment", "admin", "refund".</summary>
    public string Source { get; private set; }

    /// <summary>For periodic grants ("2026-11-21" for a daily refill): one grant per account, bucket and period.</summary>
    public string? PeriodKey { get; private set; }

    public DateTime CreatedAt { get; private set; }
}
