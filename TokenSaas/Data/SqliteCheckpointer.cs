using Microsoft.Data.Sqlite;

namespace TokenSaas.Data;

/// <summary>
/// Copies SQLite's write-ahead log back into the database file on a connection and thread of its
/// own, every <see cref="Interval"/>, so the ledger writer rarely stops to do it: a checkpoint on
/// the writer's thread held every caller of its next batch for the whole copy and sync. The
/// writer's own automatic checkpoint stays as the backstop that lets the log start over (it then
/// finds little left to copy). See Ledger/README.md.
/// </summary>
public sealed class SqliteCheckpointer(LedgerConnections connections, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => connections.Provider != DatabaseProvider.Sqlite
        ? Task.CompletedTask
        : Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        SqliteConnection? connection = null;
        try
        {
            while (!stoppingToken.WaitHandle.WaitOne(Interval))
            {
                try
                {
                    connection ??= connections.OpenForCheckpoints();
                    using var checkpoint = connection.CreateCommand();
                    checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
                    checkpoint.ExecuteNonQuery();
                }
                catch (SqliteException ex)
                {
                    // Nothing is lost: the log stays until the next try, and the writer's own checkpoint still runs.
                    logger.LogWarning(ex, "A background WAL checkpoint failed; trying again shortly");
                    connection?.Dispose();
                    connection = null;
                }
            }
        }
        finally
        {
            connection?.Dispose();
        }
    }
}
