using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using TokenSaas.Data;

namespace TokenSaas.Audit;

/// <summary>
/// Admin writes that are not ledger operations (a payment refund, a bulk batch starting, an
/// export) and their audit row, in one transaction. Token moves are audited by the ledger writer
/// itself, in the transaction that moves them (LedgerService's admin operations).
/// </summary>
public sealed class AuditLog(AppDbContext db, TimeProvider clock, ILogger<AuditLog> logger)
{
    private const int Attempts = 3;

    /// <summary>Runs <paramref name="change"/> (EF work, may be none) and appends <paramref name="record"/>; both or neither.</summary>
    public async Task<long> WriteAsync(AuditRecord record, Func<CancellationToken, Task>? change = null,
        CancellationToken cancellationToken = default) =>
        (await WriteOnceAsync(record, change, cancellationToken)).Id;

    /// <summary>
    /// As <see cref="WriteAsync"/>, but a record whose idempotency key already has a row is a
    /// replay (a double submit, a retried request): nothing runs and Replayed is true.
    /// </summary>
    public Task<(long Id, bool Replayed)> WriteOnceAsync(AuditRecord record, Func<CancellationToken, Task>? change = null,
        CancellationToken cancellationToken = default) =>
        WriteOnceAsync(record.IdempotencyKey, async ct =>
        {
            if (change is not null)
            {
                await change(ct);
            }

            return record;
        }, cancellationToken);

    /// <summary>
    /// As above, for a change whose audit row depends on what it wrote (a new row's id is its target):
    /// <paramref name="change"/> runs inside the transaction and returns the record to append.
    /// </summary>
    public async Task<(long Id, bool Replayed)> WriteOnceAsync(string? idempotencyKey, Func<CancellationToken, Task<AuditRecord>> change,
        CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                if (idempotencyKey is { } key
                    && AuditSql.Find(db.Database.GetDbConnection(), transaction.GetDbTransaction(), key) is { } earlier)
                {
                    return (earlier, true);
                }

                var record = await change(cancellationToken);
                var (id, created) = AuditSql.Append(db.Database.GetDbConnection(), transaction.GetDbTransaction(), record,
                    clock.GetUtcNow().UtcDateTime);
                if (!created)
                {
                    // Another request under the same key committed between the check above and the append: this one
                    // is its replay, so its change must not stay either (else a change would land with no audit row).
                    await transaction.RollbackAsync(cancellationToken);
                    db.ChangeTracker.Clear();
                    return (id, true);
                }

                await transaction.CommitAsync(cancellationToken);
                return (id, false);
            }
            catch (Exception ex) when (attempt < Attempts && ex is DbUpdateException or System.Data.Common.DbException)
            {
                // Two appenders raced for the same key, or SQLite's snapshot moved: try again from the top.
                logger.LogWarning(ex, "Audit append under {Key} failed (attempt {Attempt}); retrying", idempotencyKey, attempt);
                db.ChangeTracker.Clear();
            }
        }
    }
}
