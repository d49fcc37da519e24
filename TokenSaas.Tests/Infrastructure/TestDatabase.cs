using Npgsql;
using TokenSaas.Data;

namespace TokenSaas.Tests.Infrastructure;

/// <summary>A real, empty database for one test app: a fresh SQLite file or a fresh PostgreSQL database.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public abstract DatabaseProvider Provider { get; }

    public abstract string ConnectionString { get; }

    public abstract ValueTask DisposeAsync();
}

public sealed class SqliteTestDatabase : TestDatabase
{
    /// <param name="empty">True for an empty file; by default a copy of <see cref="MigratedTemplates"/>' migrated one.</param>
    public SqliteTestDatabase(bool empty = false)
    {
        Directory = Path.Combine(Path.GetTempPath(), "tokensaas-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        if (!empty)
        {
            MigratedTemplates.CopySqliteTo(Path.Combine(Directory, "test.db"));
        }
    }

    public string Directory { get; }

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override string ConnectionString => $"Data Source={Path.Combine(Directory, "test.db")}";

    public override ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left for the OS temp cleaner; the test result does not depend on it.
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// A database of its own on the throwaway server that ./test.sh starts. The server is given by
/// TOKENSAAS_TEST_POSTGRES; without it the PostgreSQL tests fail (they are never skipped).
/// </summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    public const string ServerVariable = "TOKENSAAS_TEST_POSTGRES";
    private readonly string server;
    private readonly string name = "tokensaas_test_" + Guid.NewGuid().ToString("N");
    private int disposed;

    /// <param name="empty">True for an empty database; by default a copy of <see cref="MigratedTemplates"/>' migrated one.</param>
    public PostgresTestDatabase(bool empty = false)
    {
        server = Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{ServerVariable} is not set. Run ./test.sh, which starts a throwaway PostgreSQL server and sets it.");
        using var connection = new NpgsqlConnection(server);
        connection.Open();
        var template = empty ? "" : $" TEMPLATE \"{MigratedTemplates.PostgresTemplate}\"";
        using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"{template}", connection);
        command.ExecuteNonQuery();
    }

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override string ConnectionString =>
        new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
