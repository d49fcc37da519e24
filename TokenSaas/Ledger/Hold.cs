namespace TokenSaas.Ledger;

public enum HoldStatus
{
    Held,
    Captured,
    Released,
    Expired,
}

/// <summary>
/// Tokens reserved before an action runs ("deduct after success, refund on failure"): the hold
/// entry debits them at once; capture makes the debit final; release or timeout gives them back.
/// </summary>
public sealed class Hold
{
    private Hold()
    {
        Feature = string.Empty;
    }

    public long Id { get; private set; }

    public long AccountId { get; private set; }

    public string Feature { get; private set; }

    public int Quantity { get; private set; }

    public long Amount { get; private set; }

    public HoldStatus Status { get; private set; }

    public DateTime ExpiresAt { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime? SettledAt { get; private set; }
}
