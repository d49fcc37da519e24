using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace TokenSaas.Data;

/// <summary>
/// `backup &lt;file&gt;`: a consistent copy of the SQLite database, taken while the site runs.
/// VACUUM INTO reads one snapshot (WAL lets writers carry on meanwhile) and writes a compact,
/// self-contained file: restoring is copying it back into the data folder.
/// </summary>
public sealed class DatabaseBackup(AppDbContext db, LedgerConnections connections)
{
    public const string PostgresAdvice =
        "This site runs on PostgreSQL; back it up with PostgreSQL's own tools: " +
        "pg_dump --format=custom --file=tokensaas.dump \"<connection>\" (restore with pg_restore --clean --dbname=\"<connection>\" tokensaas.dump).";

    /// <summary>Null when written, otherwise why not (nothing was written).</summary>
    public async Task<string?> WriteAsync(string target, CancellationToken cancellationToken = default)
    {
        if (connections.Provider == DatabaseProvider.Postgres)
        {
            return PostgresAdvice;
        }

        if (File.Exists(target) || Directory.Exists(target))
        {
            return $"{target} already exists; a backup never overwrites a file. Choose a new name.";
        }

        var source = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        if (!File.Exists(source))
        {
            return $"There is no database at {source} to back up.";
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = source,
            DefaultTimeout = 30,
            Pooling = false,
        }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "VACUUM INTO $target";
        command.Parameters.AddWithValue("$target", target);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return null;
    }
}
