using System.Data.Common;
using System.Text.Json;

namespace TokenSaas.Ledger.Writing;

/// <summary>
/// The statements of the vectorised spend path (<see cref="SpendBatch"/>). The read is one
/// statement for the whole batch on both databases. On PostgreSQL, where every statement is a
/// network round trip, each write is one statement per table too, with arrays (<c>unnest</c>,
/// one prepared statement whatever the batch size). On SQLite, in the same process, a statement
/// costs no round trip: there the writes are one prepared single-row statement per grant, per
/// account (coalesced) and per entry, which measured faster than any multi-row form (a JSON
/// <c>UPDATE … FROM json_each</c> was 25 % slower, a VALUES list with a parameter per cell
/// slower still); see Ledger/README.md.
/// </summary>
internal sealed partial class LedgerStore
{
    /// <summary>
    /// The accounts (with their grants that have something left) and which of the keys already
    /// name an entry: one round trip. On PostgreSQL the accounts are locked first, in id order,
    /// so two instances take them in the same order and the second waits rather than races.
    /// </summary>
    public (Dictionary<long, AccountState> States, List<(long, string)> Keys) ReadAccounts(
        IReadOnlyList<long> accountIds, IReadOnlyList<(long Account, string Key)> keys)
    {
        var (ids, idParameters) = List("a", accountIds.Select(id => (object?)id).ToList(), "bigint");
        var (pairs, pairParameters) = Pairs(keys);
        using var reader = ReaderAfterLocking($"a.id IN ({ids})",
            $"SELECT {AccountColumns}, NULL FROM token_accounts a " +
            $"LEFT JOIN grants g ON g.account_id = a.id AND g.remaining > 0 WHERE a.id IN ({ids});" +
            $"SELECT e.account_id, e.idempotency_key FROM {pairs} JOIN ledger_entries e ON e.account_id = k.a AND e.idempotency_key = k.key",
            [.. idParameters, .. pairParameters]);
        var states = ReadStates(reader);
        reader.NextResult();
        var found = new List<(long, string)>();
        while (reader.Read())
        {
            found.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        return (states, found);
    }

    /// <summary>Takes each grant's total from it, only where it still holds that much; any miss means another writer was first.</summary>
    public void TakeFromGrants(IReadOnlyList<Allocation> takes)
    {
        if (!postgres)
        {
            if (!takes.All(t => TakeFromGrant(t.GrantId, t.Amount)))
            {
                throw new ConcurrentWriteException("a grant changed while a batch was spending from it");
            }

            return;
        }

        var (rows, parameters) = Rows("v", ["id", "n"], ["bigint", "bigint"], takes.Select(t => new object?[] { t.GrantId, t.Amount }).ToList());
        if (Execute($"UPDATE grants SET remaining = grants.remaining - v.n FROM {rows} WHERE grants.id = v.id AND grants.remaining >= v.n",
                parameters) != takes.Count)
        {
            throw new ConcurrentWriteException("a grant changed while a batch was spending from it");
        }
    }

    /// <summary>Moves each account's cached balance, only from the value the batch read.</summary>
    public void MoveBalances(IReadOnlyList<BalanceMove> moves, DateTime now)
    {
        foreach (var m in moves)
        {
            Changed(m.AccountId);
        }

        if (!postgres)
        {
            foreach (var m in moves)
            {
                if (Execute("UPDATE token_accounts SET balance = @new, lifetime_spent = lifetime_spent + @s, last_active_at = @now " +
                        "WHERE id = @a AND balance = @old", ("@new", m.To), ("@s", m.Spent), ("@now", now), ("@a", m.AccountId),
                        ("@old", m.From)) != 1)
                {
                    throw new ConcurrentWriteException("an account's balance changed while a batch was spending from it");
                }
            }

            return;
        }

        var (rows, parameters) = Rows("v", ["id", "old", "new", "spent"], ["bigint", "bigint", "bigint", "bigint"],
            moves.Select(m => new object?[] { m.AccountId, m.From, m.To, m.Spent }).ToList());
        if (Execute(
                "UPDATE token_accounts SET balance = v.new, lifetime_spent = token_accounts.lifetime_spent + v.spent, last_active_at = @now " +
                $"FROM {rows} WHERE token_accounts.id = v.id AND token_accounts.balance = v.old",
                [.. parameters, ("@now", now)]) != moves.Count)
        {
            throw new ConcurrentWriteException("an account's balance changed while a batch was spending from it");
        }
    }

    /// <summary>Writes the spends' entries in one statement and gives each its id.</summary>
    public void InsertSpends(IReadOnlyList<PendingSpend> spends, DateTime now)
    {
        if (!postgres)
        {
            foreach (var spend in spends)
            {
                spend.EntryId = Insert(new NewEntry(spend.AccountId, LedgerEntryType.Spend, -spend.Amount, spend.Request.Key,
                    spend.Request.Actor, spend.Request.Description, now)
                {
                    GrantId = spend.Allocations.Count == 1 ? spend.Allocations[0].GrantId : null,
                    Feature = spend.Request.Feature,
                    Quantity = spend.Request.Quantity,
                    RequestHash = spend.Request.Hash,
                }, spend.BalanceAfter).Id;
            }

            return;
        }

        var (rows, parameters) = Rows("r",
            ["a", "n", "bal", "g", "f", "q", "actor", "d", "k", "h"],
            ["bigint", "bigint", "bigint", "bigint", "text", "integer", "text", "text", "text", "text"],
            spends.Select(s => new object?[]
            {
                s.AccountId, -s.Amount, s.BalanceAfter, s.Allocations.Count == 1 ? s.Allocations[0].GrantId : null,
                s.Request.Feature, s.Request.Quantity, s.Request.Actor, s.Request.Description,
                s.Request.Key, s.Request.Hash,
            }).ToList());
        var byKey = spends.ToDictionary(s => (s.AccountId, s.Request.Key));
        using var reader = Reader(
            "INSERT INTO ledger_entries (account_id, type, amount, balance_after, grant_id, feature, quantity, actor, description, " +
            "idempotency_key, request_hash, created_at) " +
            $"SELECT r.a, @t, r.n, r.bal, r.g, r.f, r.q, r.actor, r.d, r.k, r.h, @now FROM {rows} " +
            "RETURNING id, account_id, idempotency_key",
            [.. parameters, ("@t", Snake(LedgerEntryType.Spend)), ("@now", now)]);
        while (reader.Read())
        {
            byKey[(reader.GetInt64(1), reader.GetString(2))].EntryId = reader.GetInt64(0);
        }
    }

    /// <summary>
    /// Runs <paramref name="sql"/> after locking the accounts <paramref name="where"/> selects (in
    /// id order) on PostgreSQL, in the same round trip; SQLite's one write lock already covers it.
    /// </summary>
    private DbDataReader ReaderAfterLocking(string where, string sql, params (string, object?)[] parameters)
    {
        if (!postgres)
        {
            return Reader(sql, parameters);
        }

        var reader = Reader($"SELECT a.id FROM token_accounts a WHERE {where} ORDER BY a.id FOR UPDATE;" + sql, parameters);
        reader.NextResult();
        return reader;
    }

    /// <summary>Accounts and their grants from rows of <see cref="AccountColumns"/>, then the prior entry id.</summary>
    private static Dictionary<long, AccountState> ReadStates(DbDataReader reader)
    {
        var states = new Dictionary<long, AccountState>();
        while (reader.Read())
        {
            var id = reader.GetInt64(0);
            if (!states.TryGetValue(id, out var state))
            {
                states[id] = state = new AccountState(reader.GetInt64(1), reader.GetBoolean(2), [],
                    reader.IsDBNull(15) ? null : reader.GetInt64(15))
                {
                    Id = id,
                    PlanKey = reader.GetString(3),
                    PlanVersion = reader.GetInt32(4),
                    PlanEndAt = reader.IsDBNull(5) ? null : Utc(reader.GetDateTime(5)),
                    PlanGrantId = reader.IsDBNull(6) ? null : reader.GetInt64(6),
                    DailyPeriod = reader.IsDBNull(7) ? null : reader.GetString(7),
                    PlanPeriod = reader.IsDBNull(8) ? null : reader.GetString(8),
                    SpendLimitPerHour = reader.IsDBNull(9) ? null : reader.GetInt64(9),
                    SpendLimitPerDay = reader.IsDBNull(10) ? null : reader.GetInt64(10),
                };
            }

            if (!reader.IsDBNull(11))
            {
                state.Grants.Add(new SpendableGrant(reader.GetInt64(11), ParseEnum<GrantBucket>(reader.GetString(12)),
                    reader.GetInt64(13), reader.IsDBNull(14) ? null : Utc(reader.GetDateTime(14))));
            }
        }

        return states;
    }

    /// <summary>A list of values for <c>IN (…)</c>: one array parameter on PostgreSQL, one JSON array on SQLite.</summary>
    private (string Sql, (string, object?)[] Parameters) List(string name, IReadOnlyList<object?> values, string type)
    {
        if (postgres)
        {
            return ($"SELECT unnest(@{name}::{type}[])", [($"@{name}", ToArray(values, type))]);
        }

        return ($"SELECT value FROM json_each(@{name})", [($"@{name}", JsonSerializer.Serialize(values))]);
    }

    private (string Sql, (string, object?)[] Parameters) Pairs(IReadOnlyList<(long Account, string Key)> keys) =>
        Rows("k", ["a", "key"], ["bigint", "text"], keys.Select(k => new object?[] { k.Account, k.Key }).ToList());

    /// <summary>
    /// A table of rows named <paramref name="alias"/> with <paramref name="columns"/>: <c>unnest</c>
    /// of one array per column on PostgreSQL, <c>json_each</c> of one JSON array of rows on SQLite.
    /// </summary>
    private (string Sql, (string, object?)[] Parameters) Rows(string alias, string[] columns, string[] types, IReadOnlyList<object?[]> rows)
    {
        if (postgres)
        {
            var arrays = columns.Select((c, i) => ($"@{alias}_{c}", (object?)ToArray(rows.Select(r => r[i]).ToList(), types[i]))).ToArray();
            var unnest = string.Join(", ", arrays.Select((a, i) => $"{a.Item1}::{types[i]}[]"));
            return ($"unnest({unnest}) AS {alias}({string.Join(", ", columns)})", arrays);
        }

        var fields = string.Join(", ", columns.Select((c, i) => $"value->>{i} AS {c}"));
        return ($"(SELECT {fields} FROM json_each(@{alias})) AS {alias}", [($"@{alias}", JsonSerializer.Serialize(rows))]);
    }

    private static Array ToArray(IReadOnlyList<object?> values, string type) => type switch
    {
        "bigint" => values.Select(v => v is null ? (long?)null : Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
        "integer" => values.Select(v => v is null ? (int?)null : Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
        _ => values.Select(v => (string?)v).ToArray(),
    };
}
