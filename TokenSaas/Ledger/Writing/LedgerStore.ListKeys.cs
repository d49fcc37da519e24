namespace TokenSaas.Ledger.Writing;

/// <summary>
/// The copies of balance, tokens spent and last activity that the admin user list sorts by
/// (<see cref="AccountListKeys"/>). Every statement that moves an account's balance notes the
/// account; the <see cref="LedgerLane"/> decides when the noted accounts' keys are copied.
/// </summary>
internal sealed partial class LedgerStore
{
    private const string CopyKeys =
        "INSERT INTO account_list_keys (account_id, balance, lifetime_spent, last_active_at) " +
        "SELECT a.id, a.balance, a.lifetime_spent, a.last_active_at FROM token_accounts a WHERE {0} " +
        "ON CONFLICT (account_id) DO UPDATE SET balance = excluded.balance, lifetime_spent = excluded.lifetime_spent, " +
        "last_active_at = excluded.last_active_at WHERE account_list_keys.balance <> excluded.balance " +
        "OR account_list_keys.lifetime_spent <> excluded.lifetime_spent " +
        "OR account_list_keys.last_active_at IS DISTINCT FROM excluded.last_active_at";

    private readonly HashSet<long> changedAccounts = [];

    /// <summary>The accounts whose balance or activity the current transaction changed.</summary>
    public IReadOnlyCollection<long> ChangedAccounts => changedAccounts;

    private void Changed(long accountId) => changedAccounts.Add(accountId);

    /// <summary>Copies these accounts' keys from their rows.</summary>
    public void CopyListKeys(IReadOnlyCollection<long> accountIds)
    {
        if (accountIds.Count == 0)
        {
            return;
        }

        var (ids, parameters) = List("ids", accountIds.Select(id => (object?)id).ToList(), "bigint");
        Execute(string.Format(System.Globalization.CultureInfo.InvariantCulture, CopyKeys, $"a.id IN ({ids})"), parameters);
    }

    /// <summary>Copies every account's keys that differ from its row: what a writer stopped before copying left behind.</summary>
    public int CopyAllListKeys() => Execute(string.Format(System.Globalization.CultureInfo.InvariantCulture, CopyKeys, "true"));
}
