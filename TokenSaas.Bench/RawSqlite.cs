using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace TokenSaas.Bench;

/// <summary>
/// The ceiling: the same row work as one spend (update a balance, insert an indexed entry) in a
/// tight loop on one connection, no HTTP, no checks, same durability (WAL, synchronous=FULL),
/// committing every <c>batch</c> operations as the ledger writer does under load.
/// </summary>
public static class RawSqlite
{
    public static double Run(TimeSpan duration, int batch, int accounts)
    {
        var directory = Path.Combine(BenchHost.TempRoot, "raw-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            using var connection = new SqliteConnection($"Data Source={Path.Combine(directory, "raw.db")};Pooling=False");
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;" +
                "CREATE TABLE raw_accounts (id INTEGER PRIMARY KEY, balance INTEGER NOT NULL);" +
                "CREATE TABLE raw_entries (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, amount INTEGER NOT NULL, " +
                "balance_after INTEGER NOT NULL, idempotency_key TEXT NOT NULL);" +
                "CREATE UNIQUE INDEX raw_entries_key ON raw_entries (account_id, idempotency_key);");
            using (var fund = connection.BeginTransaction())
            {
                for (var i = 1; i <= accounts; i++)
                {
                    Execute(connection, $"INSERT INTO raw_accounts (id, balance) VALUES ({i}, 1000000000)");
                }

                fund.Commit();
            }

            using var update = connection.CreateCommand();
            update.CommandText = "UPDATE raw_accounts SET balance = balance - 1 WHERE id = @a AND balance >= 1 RETURNING balance";
            var account = update.Parameters.Add("@a", SqliteType.Integer);
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO raw_entries (account_id, amount, balance_after, idempotency_key) VALUES (@a, -1, @b, @k)";
            var insertAccount = insert.Parameters.Add("@a", SqliteType.Integer);
            var balanceAfter = insert.Parameters.Add("@b", SqliteType.Integer);
            var key = insert.Parameters.Add("@k", SqliteType.Text);

            var random = new Random(1);
            long done = 0;
            var start = Stopwatch.GetTimestamp();
            while (Stopwatch.GetElapsedTime(start) < duration)
            {
                using var transaction = connection.BeginTransaction();
                update.Transaction = insert.Transaction = transaction;
                for (var i = 0; i < batch; i++, done++)
                {
                    account.Value = insertAccount.Value = random.Next(1, accounts + 1);
                    balanceAfter.Value = update.ExecuteScalar();
                    key.Value = "raw-" + done;
                    insert.ExecuteNonQuery();
                }

                transaction.Commit();
            }

            return done / Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
