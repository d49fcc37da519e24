namespace TokenSaas.Ledger;

/// <summary>One per user. <see cref="Balance"/> caches the sum of the account's entries (and of its grants' remainders).</summary>
public sealed class TokenAccount
{
    private TokenAccount()
    {
        UserId = string.Empty;
    }

    public long Id { get; private set; }

    public string UserId { get; private set; }

    public long Balance { get; private set; }

    /// <summary>Admin-set: spends are logged but never refused.</summary>
    public bool Unlimited { get; private set; }

    public DateTime CreatedAt { get; private set; }
}
