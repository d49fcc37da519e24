using System.Data.Common;
using TokenSaas.Data;

namespace TokenSaas.Ledger.Writing;

/// <summary>A ledger entry about to be written.</summary>
internal sealed record NewEntry(
    long AccountId,
    LedgerEntryType Type,
    long Amount,
    string IdempotencyKey,
    string Actor,
    string Description,
    DateTime CreatedAt)
{
    public GrantBucket? Bucket { get; init; }
    public long? GrantId { get; init; }
    public string? Feature { get; init; }
    public int? Quantity { get; init; }
    public long? HoldId { get; init; }
    public long? ReversalOfEntryId { get; init; }
    public string? Metadata { get; init; }
    public string? RequestHash { get; init; }
    public string? CorrelationId { get; init; }
}

internal sealed record StoredEntry(long Id, long AccountId, LedgerEntryType Type, long Amount, long BalanceAfter,
    string? Feature, int? Quantity, long? HoldId, string? RequestHash, DateTime CreatedAt, long? GrantId);

/// <summary>
/// An account as the spend path needs it: balance, flags, every grant with something left, and
/// whether the request's idempotency key already names an entry.
/// </summary>
internal sealed record AccountState(long Balance, bool Unlimited, List<SpendableGrant> Grants, long? PriorEntryId)
{
    public long Id { get; init; }
    public string PlanKey { get; init; } = Plans.Plan.Basic;
    public int PlanVersion { get; init; } = 1;
    public DateTime? PlanEndAt { get; init; }
    public long? PlanGrantId { get; init; }
    public string? DailyPeriod { get; init; }
    public string? PlanPeriod { get; init; }
    public long? SpendLimitPerHour { get; init; }
    public long? SpendLimitPerDay { get; init; }
}

/// <summary>What the writer needs to know of one version of a plan.</summary>
internal sealed record PlanTerms(string Key, int Version, long MonthlyTokens, int? DurationDays);

internal sealed record StoredHold(long Id, long AccountId, string Feature, long Amount, HoldStatus Status, DateTime ExpiresAt);

/// <summary>
/// The ledger's writes as plain SQL on one connection owned by the <see cref="LedgerWriter"/>.
/// The same statements run on SQLite and PostgreSQL (both have RETURNING and partial indexes);
/// each command object is prepared once and reused, which is most of what makes the writer fast.
/// Every debit is a conditional UPDATE, so a second writer (another app instance) can never
/// drive a grant below zero: the loser updates no row and its batch is retried.
/// </summary>
internal sealed partial class LedgerStore(DbConnection connection) : IDisposable
{
    private readonly bool postgres = connection is Npgsql.NpgsqlConnection;
    private const string AccountColumns =
        "a.id, a.balance, a.unlimited, a.plan_key, a.plan_version, a.plan_end_at, a.plan_grant_id, a.daily_period, a.plan_period, " +
        "a.spend_limit_per_hour, a.spend_limit_per_day, g.id, g.bucket, g.remaining, g.expires_at";

    private const string EntryColumns =
        "id, account_id, type, amount, balance_after, feature, quantity, hold_id, request_hash, created_at, grant_id";

    private readonly Dictionary<string, DbCommand> commands = new();
    private DbTransaction? transaction;

    public DbTransaction Begin()
    {
        changedAccounts.Clear();
        return transaction = connection.BeginTransaction();
    }

    public void EndTransaction() => transaction = null;

    public long? FindAccountId(string userId) =>
        Scalar<long?>("SELECT id FROM token_accounts WHERE user_id = @u", ("@u", userId));

    /// <summary>A new account, on the basic plan's current version, listed (its <see cref="AccountListKeys"/>) at once.</summary>
    public long? InsertAccount(string userId, DateTime now)
    {
        var id = Scalar<long?>(
            "INSERT INTO token_accounts (user_id, balance, unlimited, created_at, plan_key, plan_version) " +
            "VALUES (@u, 0, @f, @now, @basic, COALESCE((SELECT version FROM plans WHERE key = @basic), 1)) " +
            "ON CONFLICT (user_id) DO NOTHING RETURNING id",
            ("@u", userId), ("@f", false), ("@now", now), ("@basic", Plans.Plan.Basic));
        if (id is { } opened)
        {
            Execute("INSERT INTO account_list_keys (account_id, balance, lifetime_spent) VALUES (@a, 0, 0)", ("@a", opened));
        }

        return id;
    }

    /// <summary>
    /// The account, its grants with something left, and the entry <paramref name="key"/> names if
    /// any: one round trip. On PostgreSQL the account row is locked first, so another instance
    /// writing to it waits for this transaction instead of racing it.
    /// </summary>
    public AccountState ReadAccount(long accountId, string key)
    {
        using var reader = ReaderAfterLocking("a.id = @a",
            $"SELECT {AccountColumns}, (SELECT e.id FROM ledger_entries e WHERE e.account_id = a.id AND e.idempotency_key = @k) " +
            "FROM token_accounts a LEFT JOIN grants g ON g.account_id = a.id AND g.remaining > 0 WHERE a.id = @a",
            ("@k", key), ("@a", accountId));
        return ReadStates(reader).Values.SingleOrDefault()
            ?? throw new InvalidOperationException($"Token account {accountId} does not exist.");
    }

    private long AddToBalance(NewEntry e)
    {
        var (spent, purchased, active) = Counters(e);
        Changed(e.AccountId);
        return Scalar<long>(
            "UPDATE token_accounts SET balance = balance + @d, lifetime_spent = lifetime_spent + @s, " +
            "lifetime_purchased = lifetime_purchased + @p, last_active_at = CASE WHEN @act THEN @now ELSE last_active_at END " +
            "WHERE id = @a RETURNING balance",
            ("@d", e.Amount), ("@s", spent), ("@p", purchased), ("@act", active), ("@now", e.CreatedAt), ("@a", e.AccountId));
    }

    // What the admin user list shows without summing a user's whole history: tokens bought,
    // tokens spent on features (net of refunds and releases), and when the user last used tokens.
    private static (long Spent, long Purchased, bool Active) Counters(NewEntry e) => e.Type switch
    {
        LedgerEntryType.Spend or LedgerEntryType.Hold => (-e.Amount, 0, true),
        LedgerEntryType.Release or LedgerEntryType.Refund => (-e.Amount, 0, false),
        LedgerEntryType.GiftOut => (0, 0, true),
        LedgerEntryType.Grant when e.Bucket == GrantBucket.Purchased => (0, e.Amount, false),
        _ => (0, 0, false),
    };

    public (SpendableGrant Grant, long AccountId)? FindGrant(long grantId)
    {
        using var reader = Reader(
            "SELECT id, bucket, remaining, expires_at, account_id FROM grants WHERE id = @g", ("@g", grantId));
        return reader.Read()
            ? (new SpendableGrant(reader.GetInt64(0), ParseEnum<GrantBucket>(reader.GetString(1)), reader.GetInt64(2),
                reader.IsDBNull(3) ? null : Utc(reader.GetDateTime(3))), reader.GetInt64(4))
            : null;
    }

    /// <summary>Takes tokens from a grant only if it still has them; false means someone else got there first.</summary>
    public bool TakeFromGrant(long grantId, long amount) => Execute(
        "UPDATE grants SET remaining = remaining - @n WHERE id = @g AND remaining >= @n", ("@n", amount), ("@g", grantId)) == 1;

    public void ReturnToGrant(long grantId, long amount) => Execute(
        "UPDATE grants SET remaining = remaining + @n WHERE id = @g", ("@n", amount), ("@g", grantId));

    public bool EmptyGrant(long grantId, long expectedRemaining) => Execute(
        "UPDATE grants SET remaining = 0 WHERE id = @g AND remaining = @r", ("@g", grantId), ("@r", expectedRemaining)) == 1;

    public long InsertGrant(long accountId, GrantBucket bucket, long amount, DateTime? expiresAt, string source,
        string? periodKey, DateTime now, long? remaining = null) => Scalar<long>(
        "INSERT INTO grants (account_id, bucket, amount, remaining, expires_at, source, period_key, created_at) " +
        "VALUES (@a, @b, @n, @r, @x, @s, @p, @now) RETURNING id",
        ("@a", accountId), ("@b", Snake(bucket)), ("@n", amount), ("@r", remaining ?? amount), ("@x", expiresAt), ("@s", source),
        ("@p", periodKey), ("@now", now));

    /// <summary>A grant's size and what is left of it (a plan quota and its use).</summary>
    public (long Amount, long Remaining)? GrantSize(long grantId)
    {
        using var reader = Reader("SELECT amount, remaining FROM grants WHERE id = @g", ("@g", grantId));
        return reader.Read() ? (reader.GetInt64(0), reader.GetInt64(1)) : null;
    }

    /// <summary>
    /// A version of a plan, or its current one when <paramref name="version"/> is null. Hidden plans
    /// are found too: their subscribers keep their quota, and a payment already made still applies.
    /// </summary>
    public PlanTerms? FindPlan(string key, int? version)
    {
        using var reader = version is { } number
            ? Reader("SELECT plan_key, version, monthly_tokens, duration_days FROM plan_versions WHERE plan_key = @k AND version = @v",
                ("@k", key), ("@v", number))
            : Reader("SELECT v.plan_key, v.version, v.monthly_tokens, v.duration_days FROM plans p " +
                "JOIN plan_versions v ON v.plan_key = p.key AND v.version = p.version WHERE p.key = @k", ("@k", key));
        return reader.Read()
            ? new PlanTerms(reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetInt32(3))
            : null;
    }

    /// <summary>The latest version of <paramref name="key"/> after <paramref name="version"/> whose migration date has come, if any.</summary>
    public int? MigrationTarget(string key, int version, DateTime now) => Scalar<int?>(
        "SELECT MAX(version) FROM plan_versions WHERE plan_key = @k AND version > @v AND migrate_at <= @now",
        ("@k", key), ("@v", version), ("@now", now));

    /// <summary>Marks <paramref name="day"/>'s allowance as granted; false when someone else already did.</summary>
    public bool ClaimDay(long accountId, string day) => Execute(
        "UPDATE token_accounts SET daily_period = @d WHERE id = @a AND (daily_period IS NULL OR daily_period <> @d)",
        ("@d", day), ("@a", accountId)) == 1;

    /// <summary>Marks <paramref name="month"/>'s plan quota as granted; false when someone else already did.</summary>
    public bool ClaimMonth(long accountId, string month) => Execute(
        "UPDATE token_accounts SET plan_period = @m WHERE id = @a AND (plan_period IS NULL OR plan_period <> @m)",
        ("@m", month), ("@a", accountId)) == 1;

    /// <summary>Moves the account to a plan version, but only from the plan and quota grant it was read with.</summary>
    public bool SetPlan(long accountId, string expectedPlan, long? expectedGrant, PlanTerms plan, DateTime? endAt, long? grantId) => Execute(
        "UPDATE token_accounts SET plan_key = @p, plan_version = @v, plan_end_at = @e, plan_grant_id = @g " +
        "WHERE id = @a AND plan_key = @old AND COALESCE(plan_grant_id, 0) = @oldGrant",
        ("@p", plan.Key), ("@v", plan.Version), ("@e", endAt), ("@g", grantId), ("@a", accountId), ("@old", expectedPlan),
        ("@oldGrant", expectedGrant ?? 0L)) == 1;

    /// <summary>Writes the entry and moves the cached balance by its amount, returning the entry id and the balance after.</summary>
    public (long Id, long BalanceAfter) Append(NewEntry e) => Insert(e, AddToBalance(e));

    /// <summary>
    /// As <see cref="Append(NewEntry)"/> when the balance before is already known: the balance
    /// moves only if it still is that, so a write from elsewhere in between is caught, not overwritten.
    /// </summary>
    public (long Id, long BalanceAfter) Append(NewEntry e, long balanceBefore)
    {
        var after = balanceBefore + e.Amount;
        var (spent, purchased, active) = Counters(e);
        Changed(e.AccountId);
        if ((e.Amount != 0 || active) && Execute(
                "UPDATE token_accounts SET balance = @new, lifetime_spent = lifetime_spent + @s, " +
                "lifetime_purchased = lifetime_purchased + @p, last_active_at = CASE WHEN @act THEN @now ELSE last_active_at END " +
                "WHERE id = @a AND balance = @old",
                ("@new", after), ("@s", spent), ("@p", purchased), ("@act", active), ("@now", e.CreatedAt), ("@a", e.AccountId),
                ("@old", balanceBefore)) != 1)
        {
            throw new ConcurrentWriteException($"the balance of account {e.AccountId} changed while writing");
        }

        return Insert(e, after);
    }

    private (long Id, long BalanceAfter) Insert(NewEntry e, long balance)
    {
        var id = Scalar<long>(
            "INSERT INTO ledger_entries (account_id, type, amount, balance_after, bucket, grant_id, feature, quantity, hold_id, " +
            "reversal_of_entry_id, actor, description, metadata, idempotency_key, request_hash, correlation_id, created_at) " +
            "VALUES (@a, @t, @n, @bal, @b, @g, @f, @q, @h, @r, @actor, @d, @m, @k, @hash, @c, @now) RETURNING id",
            ("@a", e.AccountId), ("@t", Snake(e.Type)), ("@n", e.Amount), ("@bal", balance),
            ("@b", e.Bucket is { } bucket ? Snake(bucket) : null), ("@g", e.GrantId), ("@f", e.Feature), ("@q", e.Quantity),
            ("@h", e.HoldId), ("@r", e.ReversalOfEntryId), ("@actor", e.Actor), ("@d", e.Description), ("@m", e.Metadata),
            ("@k", e.IdempotencyKey), ("@hash", e.RequestHash), ("@c", e.CorrelationId), ("@now", e.CreatedAt));
        return (id, balance);
    }

    /// <summary>The grants a payment (or promotion) made, with what is left of each.</summary>
    public List<(long GrantId, long Remaining)> GrantsFor(long accountId, string correlationId)
    {
        using var reader = Reader(
            "SELECT g.id, g.remaining FROM grants g JOIN ledger_entries e ON e.grant_id = g.id " +
            "WHERE e.account_id = @a AND e.correlation_id = @c AND e.type = @t AND g.remaining > 0 ORDER BY g.id",
            ("@a", accountId), ("@c", correlationId), ("@t", Snake(LedgerEntryType.Grant)));
        var list = new List<(long, long)>();
        while (reader.Read())
        {
            list.Add((reader.GetInt64(0), reader.GetInt64(1)));
        }

        return list;
    }

    public void InsertAllocation(long entryId, Allocation allocation) => Execute(
        "INSERT INTO ledger_allocations (entry_id, grant_id, amount) VALUES (@e, @g, @n)",
        ("@e", entryId), ("@g", allocation.GrantId), ("@n", allocation.Amount));

    /// <summary>Which grants paid for a debit: the entry's own grant when one paid it all, else its allocation rows.</summary>
    public List<Allocation> Allocations(StoredEntry debit)
    {
        if (debit.GrantId is { } single)
        {
            return [new Allocation(single, -debit.Amount)];
        }

        using var reader = Reader("SELECT grant_id, amount FROM ledger_allocations WHERE entry_id = @e", ("@e", debit.Id));
        var list = new List<Allocation>();
        while (reader.Read())
        {
            list.Add(new Allocation(reader.GetInt64(0), reader.GetInt64(1)));
        }

        return list;
    }

    public StoredEntry? FindEntry(long accountId, string idempotencyKey) => ReadEntry(
        $"SELECT {EntryColumns} FROM ledger_entries WHERE account_id = @a AND idempotency_key = @k",
        ("@a", accountId), ("@k", idempotencyKey));

    public StoredEntry? GetEntry(long entryId) =>
        ReadEntry($"SELECT {EntryColumns} FROM ledger_entries WHERE id = @e", ("@e", entryId));

    public StoredEntry? FindReversal(long entryId) =>
        ReadEntry($"SELECT {EntryColumns} FROM ledger_entries WHERE reversal_of_entry_id = @e", ("@e", entryId));

    public long InsertHold(long accountId, string feature, int quantity, long amount, DateTime expiresAt, DateTime now) =>
        Scalar<long>(
        "INSERT INTO holds (account_id, feature, quantity, amount, status, expires_at, created_at) " +
        "VALUES (@a, @f, @q, @n, @s, @x, @now) RETURNING id",
        ("@a", accountId), ("@f", feature), ("@q", quantity), ("@n", amount), ("@s", Snake(HoldStatus.Held)),
        ("@x", expiresAt), ("@now", now));

    public StoredHold? GetHold(long holdId)
    {
        using var reader = Reader(
            "SELECT id, account_id, feature, amount, status, expires_at FROM holds WHERE id = @h", ("@h", holdId));
        return reader.Read()
            ? new StoredHold(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetInt64(3),
                ParseEnum<HoldStatus>(reader.GetString(4)), Utc(reader.GetDateTime(5)))
            : null;
    }

    /// <summary>The entry that debited a hold's tokens.</summary>
    public StoredEntry? FindHoldDebit(long holdId) => ReadEntry(
        $"SELECT {EntryColumns} FROM ledger_entries WHERE hold_id = @h AND type = @t",
        ("@h", holdId), ("@t", Snake(LedgerEntryType.Hold)));

    /// <summary>Moves a hold out of "held"; false when it had already left it.</summary>
    public bool SettleHold(long holdId, HoldStatus status, DateTime now) => Execute(
        "UPDATE holds SET status = @s, settled_at = @now WHERE id = @h AND status = @held",
        ("@s", Snake(status)), ("@now", now), ("@h", holdId), ("@held", Snake(HoldStatus.Held))) == 1;

    public void Dispose()
    {
        foreach (var command in commands.Values)
        {
            command.Dispose();
        }

        connection.Dispose();
    }

    private StoredEntry? ReadEntry(string sql, params (string, object?)[] parameters)
    {
        using var reader = Reader(sql, parameters);
        return reader.Read()
            ? new StoredEntry(reader.GetInt64(0), reader.GetInt64(1), ParseEnum<LedgerEntryType>(reader.GetString(2)),
                reader.GetInt64(3), reader.GetInt64(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetInt32(6), reader.IsDBNull(7) ? null : reader.GetInt64(7),
                reader.IsDBNull(8) ? null : reader.GetString(8), Utc(reader.GetDateTime(9)),
                reader.IsDBNull(10) ? null : reader.GetInt64(10))
            : null;
    }

    private DbCommand Command(string sql, (string Name, object? Value)[] parameters)
    {
        if (!commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, _) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
            }

            commands[sql] = command;
        }

        command.Transaction = transaction;
        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters[i].Value = parameters[i].Value ?? DBNull.Value;
        }

        return command;
    }

    private int Execute(string sql, params (string, object?)[] parameters) => Command(sql, parameters).ExecuteNonQuery();

    private DbDataReader Reader(string sql, params (string, object?)[] parameters) => Command(sql, parameters).ExecuteReader();

    private T Scalar<T>(string sql, params (string, object?)[] parameters)
    {
        var value = Command(sql, parameters).ExecuteScalar();
        if (value is null or DBNull)
        {
            return default!;
        }

        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        return (T)Convert.ChangeType(value, target, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Snake<TEnum>(TEnum value) where TEnum : struct, Enum => SnakeCaseEnumConverter<TEnum>.ToSnakeCase(value);

    private static TEnum ParseEnum<TEnum>(string value) where TEnum : struct, Enum => SnakeCaseEnumConverter<TEnum>.Parse(value);

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
