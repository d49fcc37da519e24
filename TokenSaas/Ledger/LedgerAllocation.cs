namespace TokenSaas.Ledger;

/// <summary>Which grant paid how much of a debit, so a refund or release can give it back to the same grant.</summary>
public sealed class LedgerAllocation
{
    private LedgerAllocation()
    {
    }

    public long EntryId { get; private set; }

    public long GrantId { get; private set; }

    public long Amount { get; private set; }
}
