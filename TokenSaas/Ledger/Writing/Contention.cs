using Microsoft.Data.Sqlite;
using Npgsql;

namespace TokenSaas.Ledger.Writing;

/// <summary>
/// Which failures mean "another writer got there first" (another app instance on the same
/// PostgreSQL, or a second process on the SQLite file), and how long to wait before trying again.
/// Those are retried until they succeed; anything else fails after a few attempts.
/// </summary>
internal static class Contention
{
    /// <summary>Enough to outlast any realistic queue of writers on one row; reaching it means something is wrong, not busy.</summary>
    public const int MaxAttempts = 200;

    public static bool IsLostRace(Exception exception) => exception switch
    {
        ConcurrentWriteException => true,
        // serialization failure, deadlock detected (locks taken in another order), unique key taken meanwhile
        PostgresException { SqlState: "40001" or "40P01" or "23505" } => true,
        SqliteException { SqliteErrorCode: 5 or 6 } or SqliteException { SqliteExtendedErrorCode: 2067 } => true,
        _ when exception.InnerException is { } inner => IsLostRace(inner),
        _ => false,
    };

    /// <summary>Grows to 50 ms with jitter, so two instances retrying do not collide in step.</summary>
    public static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(50, 1 << Math.Min(attempt, 6)) * (0.5 + Random.Shared.NextDouble()));
}
