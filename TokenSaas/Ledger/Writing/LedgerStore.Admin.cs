using System.Data.Common;

namespace TokenSaas.Ledger.Writing;

/// <summary>The statements behind admins' acts: account flags and limits, the spending a limit counts, and the batch's transaction for an audit row.</summary>
internal sealed partial class LedgerStore
{
    public void SetUnlimited(long accountId, bool unlimited) =>
        Execute("UPDATE token_accounts SET unlimited = @u WHERE id = @a", ("@u", unlimited), ("@a", accountId));

    /// <summary>The connection and transaction of the batch, for writes that must commit with it (the audit row of an admin act).</summary>
    public DbConnection Connection => connection;

    public DbTransaction? Transaction => transaction;

    public void SetLimits(long accountId, long? perHour, long? perDay) =>
        Execute("UPDATE token_accounts SET spend_limit_per_hour = @h, spend_limit_per_day = @d WHERE id = @a",
            ("@h", perHour), ("@d", perDay), ("@a", accountId));

    public bool UserExists(string userId) =>
        Scalar<long?>("SELECT 1 FROM \"AspNetUsers\" WHERE \"Id\" = @u", ("@u", userId)) is not null;

    /// <summary>Tokens the account spent since <paramref name="since"/>, entry by entry, oldest first (reversals negative).</summary>
    public List<(DateTime At, long Tokens)> SpentSince(long accountId, DateTime since)
    {
        using var reader = Reader(
            "SELECT created_at, amount FROM ledger_entries WHERE account_id = @a AND created_at > @since " +
            "AND type IN (@spend, @hold, @release, @refund) AND amount <> 0 ORDER BY id",
            ("@a", accountId), ("@since", since), ("@spend", Snake(LedgerEntryType.Spend)), ("@hold", Snake(LedgerEntryType.Hold)),
            ("@release", Snake(LedgerEntryType.Release)), ("@refund", Snake(LedgerEntryType.Refund)));
        var list = new List<(DateTime, long)>();
        while (reader.Read())
        {
            list.Add((Utc(reader.GetDateTime(0)), -reader.GetInt64(1)));
        }

        return list;
    }
}
