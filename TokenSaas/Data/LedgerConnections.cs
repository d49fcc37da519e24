using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace TokenSaas.Data;

/// <summary>Opens the ledger writer's own long-lived connection, tuned for its job on each provider.</summary>
public sealed class LedgerConnections(DatabaseProvider provider, string connectionString)
{
    public DatabaseProvider Provider => provider;

    public DbConnection OpenForWriter()
    {
        DbConnection connection = provider switch
        {
            DatabaseProvider.Postgres => new NpgsqlConnection(
                new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64, AutoPrepareMinUsages = 2 }
                    .ConnectionString),
            _ => new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true }.ConnectionString),
        };
        connection.Open();
        if (provider == DatabaseProvider.Sqlite)
        {
            using var pragma = connection.CreateCommand();
            // FULL: a commit is on disk before anyone is told it happened. Batching is what
            // makes that affordable (one sync per batch, not per spend).
            pragma.CommandText = "PRAGMA synchronous = FULL; PRAGMA cache_size = -32768; PRAGMA wal_autocheckpoint = 10000;";
            pragma.ExecuteNonQuery();
        }

        return connection;
    }

    /// <summary>A SQLite connection for <see cref="SqliteCheckpointer"/>, synced as the writer's is.</summary>
    public SqliteConnection OpenForCheckpoints()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous = FULL;";
        pragma.ExecuteNonQuery();
        return connection;
    }
}
