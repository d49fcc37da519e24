using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;

namespace TokenSaas.Ledger;

/// <summary>One account whose books do not add up.</summary>
public sealed record LedgerMismatch(long AccountId, string UserId, long CachedBalance, long EntriesSum, long GrantsSum,
    long? LastBalanceAfter, long NegativeGrants);

public sealed record VerifyReport(int AccountsChecked, IReadOnlyList<LedgerMismatch> Mismatches)
{
    public bool Clean => Mismatches.Count == 0;
}

/// <summary>
/// Rule 3, checked for every account: cached balance = sum of entries = sum of grant remainders
/// = the last entry's balance-after, and no grant below zero (except a plan quota after a downgrade).
/// </summary>
public sealed class LedgerVerifier(AppDbContext db)
{
    private const string Sql = """
        SELECT a.id AS "AccountId", a.user_id AS "UserId", a.balance AS "CachedBalance",
               COALESCE(e.total, 0) AS "EntriesSum", COALESCE(g.total, 0) AS "GrantsSum",
               (SELECT l.balance_after FROM ledger_entries l WHERE l.account_id = a.id ORDER BY l.id DESC LIMIT 1) AS "LastBalanceAfter",
               COALESCE(g.negative, 0) AS "NegativeGrants"
        FROM token_accounts a
        LEFT JOIN (SELECT account_id, SUM(amount) AS total FROM ledger_entries GROUP BY account_id) e ON e.account_id = a.id
        LEFT JOIN (SELECT account_id, SUM(remaining) AS total,
                          SUM(CASE WHEN remaining < 0 AND bucket <> 'plan' THEN 1 ELSE 0 END) AS negative
                   FROM grants GROUP BY account_id) g ON g.account_id = a.id
        """;

    public async Task<VerifyReport> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var rows = await db.Database.SqlQueryRaw<LedgerMismatch>(Sql).ToListAsync(cancellationToken);
        var mismatches = rows.Where(r => r.CachedBalance != r.EntriesSum || r.CachedBalance != r.GrantsSum
                || r.CachedBalance != (r.LastBalanceAfter ?? 0) || r.NegativeGrants > 0)
            .ToList();
        return new VerifyReport(rows.Count, mismatches);
    }
}
