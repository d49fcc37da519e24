namespace TokenSaas.Ledger;

/// <summary>
/// What the admin user list sorts and filters accounts by (balance, tokens spent, last activity),
/// copied from <see cref="TokenAccount"/> by the ledger writer: in the same transaction when it has
/// nothing else queued, at most a second later when it is busy. Kept apart so that a spend changes no
/// indexed column of the account row (PostgreSQL then updates it in place, SQLite writes no index
/// pages for it); see Ledger/README.md. The account row stays the truth; this is its sortable copy.
/// </summary>
public sealed class AccountListKeys
{
    private AccountListKeys()
    {
    }

    public long AccountId { get; private set; }

    public long Balance { get; private set; }

    public long LifetimeSpent { get; private set; }

    public DateTime? LastActiveAt { get; private set; }
}
