namespace TokenSaas.Ledger;

/// <summary>
/// Where tokens came from. The declaration order is the spending order for grants that do
/// not expire at the same moment: what disappears soonest is spent first.
/// </summary>
public enum GrantBucket
{
    Daily,
    Plan,
    Bonus,
    Purchased,
}
