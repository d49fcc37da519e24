namespace TokenSaas.Ledger;

/// <summary>One per user. <see cref="Balance"/> is a cache of the sum of the account's entries.</summary>
public sealed class TokenAccount
{
    private TokenAccount()
    {
        UserId = string.Empty;
    }

    public TokenAccount(string userId, DateTime createdAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        UserId = userId;
        CreatedAt = createdAt;
    }

    public long Id { get; private set; }

    public string UserId { get; private set; }

    public long Balance { get; private set; }

    /// <summary>Admin-set: spends are logged but never refused.</summary>
    public bool Unlimited { get; private set; }

    public DateTime CreatedAt { get; private set; }

    internal void Apply(long amount) => Balance = checked(Balance + amount);
}
