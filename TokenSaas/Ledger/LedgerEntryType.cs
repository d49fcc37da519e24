namespace TokenSaas.Ledger;

/// <summary>What a ledger entry records. Stored as snake_case text (see LedgerEntryConfiguration).</summary>
public enum LedgerEntryType
{
    Grant,
    Spend,
    Hold,
    Capture,
    Release,
    Refund,
    Expire,
    DailyReset,
    PlanReset,
    PlanChange,
    Adjust,
    GiftIn,
    GiftOut,
    Clawback,
}
