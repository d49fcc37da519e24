using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using TokenSaas.Data;

namespace TokenSaas.Tests.Infrastructure;

/// <summary>
/// One database per provider brought to the committed migrations once per test run, by the app's own
/// <see cref="DatabaseMigrator"/>. Test databases start as copies of it: about 300 test apps start in a
/// run, and migrating each from empty took about half a second of CPU on SQLite and 1.5 s on PostgreSQL,
/// a third to a half of an app's start. The app still migrates at start, finding nothing pending;
/// <c>MigrationTests</c> starts from an empty database.
/// </summary>
public static class MigratedTemplates
{
    private static readonly string SqliteDirectory = Path.Combine(Path.GetTempPath(), "tokensaas-tests", "template-" + Guid.NewGuid().ToString("N"));
    private static readonly Lazy<string> Sqlite = new(CreateSqlite, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly string PostgresName = "tokensaas_template_" + Guid.NewGuid().ToString("N");
    private static readonly Lazy<string> Postgres = new(
        () => CreatePostgres(Environment.GetEnvironmentVariable(PostgresTestDatabase.ServerVariable)!), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Copies the migrated SQLite file to <paramref name="file"/>.</summary>
    public static void CopySqliteTo(string file) => File.Copy(Sqlite.Value, file);

    /// <summary>The name of the migrated PostgreSQL database to use as CREATE DATABASE's template.</summary>
    public static string PostgresTemplate => Postgres.Value;

    private static string CreateSqlite()
    {
        Directory.CreateDirectory(SqliteDirectory);
        var file = Path.Combine(SqliteDirectory, "template.db");
        // Unpooled, so the last connection closes (and checkpoints the WAL into the file) before copies are made.
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString()).Options;
        Migrate(new SqliteAppDbContext(options));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Try(() => Directory.Delete(SqliteDirectory, recursive: true));
        return file;
    }

    private static string CreatePostgres(string server)
    {
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{PostgresName}\"", connection);
            create.ExecuteNonQuery();
        }

        // Unpooled: CREATE DATABASE … TEMPLATE refuses a template that has connections open.
        var template = new NpgsqlConnectionStringBuilder(server) { Database = PostgresName, Pooling = false }.ConnectionString;
        Migrate(new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(template).Options));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Try(() =>
        {
            using var connection = new NpgsqlConnection(server);
            connection.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{PostgresName}\" WITH (FORCE)", connection);
            drop.ExecuteNonQuery();
        });
        return PostgresName;
    }

    private static void Migrate(AppDbContext db)
    {
        // Off xunit's synchronisation context: waiting on it from a test's thread could deadlock.
        Task.Run(async () =>
        {
            await using (db)
            {
                await new DatabaseMigrator(db, NullLogger<DatabaseMigrator>.Instance).MigrateAsync();
            }
        }).GetAwaiter().GetResult();
    }

    private static void Try(Action cleanUp)
    {
        try
        {
            cleanUp();
        }
        catch (Exception exception) when (exception is IOException or NpgsqlException)
        {
            // Left for the OS temp cleaner or the throwaway cluster's removal; no test depends on it.
        }
    }
}
