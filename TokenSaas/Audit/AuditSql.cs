using System.Data.Common;

namespace TokenSaas.Audit;

/// <summary>
/// Appends a row to the audit chain on a connection inside the caller's transaction: the ledger
/// writer's (so a token move and its audit row commit together) or EF's (<see cref="AuditLog"/>).
/// The head row is updated first, which takes its lock: appenders on any connection or instance
/// queue there, and each reads the hash the one before it wrote.
/// </summary>
public static class AuditSql
{
    /// <summary>The id of the row written under <paramref name="key"/>, if any.</summary>
    public static long? Find(DbConnection connection, DbTransaction? transaction, string key) =>
        Scalar(connection, transaction, "SELECT id FROM audit_entries WHERE idempotency_key = @k", ("@k", key)) as long?;

    /// <summary>The new row's id, or the id of the row already written under the record's key (and false).</summary>
    public static (long Id, bool Created) Append(DbConnection connection, DbTransaction? transaction, AuditRecord record, DateTime now)
    {
        if (record.IdempotencyKey is { } key && Find(connection, transaction, key) is { } existing)
        {
            return (existing, false);
        }

        long id;
        string prev;
        using (var command = Command(connection, transaction,
                   "UPDATE audit_chain SET seq = seq + 1 WHERE id = @h RETURNING seq, hash", ("@h", AuditHead.SingletonId)))
        using (var reader = command.ExecuteReader())
        {
            if (!reader.Read())
            {
                throw new InvalidOperationException("The audit chain's head row is missing; the migrations create it.");
            }

            id = reader.GetInt64(0);
            prev = reader.GetString(1);
        }

        var fields = new AuditFields(id, AuditChain.Truncate(now), record.Actor.Id, record.Actor.Email, record.Action,
            record.TargetType, record.TargetId, AuditRecord.ToJson(record.Before), AuditRecord.ToJson(record.After),
            record.Reason, record.Actor.Ip, record.IdempotencyKey, prev);
        var hash = AuditChain.Hash(fields);
        Execute(connection, transaction, "UPDATE audit_chain SET hash = @x WHERE id = @h", ("@x", hash), ("@h", AuditHead.SingletonId));
        Execute(connection, transaction,
            "INSERT INTO audit_entries (id, at, actor_id, actor_email, action, target_type, target_id, before, after, reason, ip, " +
            "idempotency_key, prev_hash, hash) VALUES (@id, @at, @actor, @email, @action, @tt, @ti, @before, @after, @reason, @ip, @k, @prev, @hash)",
            ("@id", id), ("@at", fields.At), ("@actor", fields.ActorId), ("@email", fields.ActorEmail), ("@action", fields.Action),
            ("@tt", fields.TargetType), ("@ti", fields.TargetId), ("@before", fields.Before), ("@after", fields.After),
            ("@reason", fields.Reason), ("@ip", fields.Ip), ("@k", fields.IdempotencyKey), ("@prev", prev), ("@hash", hash));
        return (id, true);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static void Execute(DbConnection connection, DbTransaction? transaction, string sql, params (string, object?)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        command.ExecuteNonQuery();
    }

    private static object? Scalar(DbConnection connection, DbTransaction? transaction, string sql, params (string, object?)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteScalar() is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }
}
