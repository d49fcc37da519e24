using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Audit;
using TokenSaas.Data;

namespace TokenSaas.Admin.Bulk;

public enum BulkProblemKind
{
    /// <summary>The admin's input is wrong (a file refused, a reason missing); nothing was stored.</summary>
    Invalid,
    NotFound,
    /// <summary>The batch is not in a state that allows this (reversing a batch still running).</summary>
    Conflict,
}

public sealed record BulkProblem(BulkProblemKind Kind, string Message);

/// <summary>A stored check: the batch and the rows the check refused.</summary>
public sealed record BulkSummary(BulkBatch Batch, IReadOnlyList<BulkRow> Invalid);

/// <summary>The idempotency keys of a batch: one per row for the ledger, one per act for the audit log.</summary>
public static class BulkKeys
{
    public static string Row(long batchId, int row) => $"bulk:{batchId}:{row}";

    public static string RowReversal(long batchId, int row) => $"{Row(batchId, row)}:reverse";

    public static string Start(long batchId) => $"bulk:{batchId}:start";

    public static string Reverse(long batchId) => $"bulk:{batchId}:reverse";

    /// <summary>A one-call check-and-start from the API, retried with the caller's key.</summary>
    public static string Request(string actorId, string key) => $"bulk:request:{actorId}:{key}";
}

/// <summary>
/// Bulk allocation, as admins drive it: check a file (stored as a <c>checked</c> batch), start it,
/// reverse it. Starting and reversing each write one audit row, in the transaction that moves the
/// batch on, so a double submit does it once; the <see cref="BulkWorker"/> does the granting.
/// </summary>
public sealed class BulkService(AppDbContext db, BulkChecker checker, BulkQueries queries, AuditLog audit, BulkSignal signal,
    TimeProvider clock)
{
    private const int InsertChunk = 500;

    public async Task<(BulkSummary? Summary, BulkProblem? Problem)> CheckAsync(ReadOnlyMemory<byte> file, string? fileName,
        string? reason, AdminActor actor, CancellationToken cancellationToken)
    {
        var (check, error) = await checker.CheckAsync(file, reason, cancellationToken);
        if (check is null)
        {
            return (null, new BulkProblem(BulkProblemKind.Invalid, error!));
        }

        var batch = await StoreAsync(check, fileName, actor, cancellationToken);
        return (new BulkSummary(batch, [.. check.Rows.Where(r => r.Status == BulkRowStatus.Invalid)]), null);
    }

    /// <summary>Checks and starts in one call; with <paramref name="requestKey"/>, a retry answers with the batch the first call started.</summary>
    public async Task<(BulkSummary? Summary, BulkProblem? Problem)> CheckAndStartAsync(ReadOnlyMemory<byte> file, string? reason,
        AdminActor actor, string? requestKey, CancellationToken cancellationToken)
    {
        if (requestKey is not null && Ledger.SystemKeys.Validate(requestKey) is { } keyError)
        {
            return (null, new BulkProblem(BulkProblemKind.Invalid, keyError));
        }

        var auditKey = requestKey is null ? null : BulkKeys.Request(actor.Id, requestKey);
        if (auditKey is not null && await StartedByAsync(auditKey, cancellationToken) is { } earlier)
        {
            return (earlier, null);
        }

        var (check, error) = await checker.CheckAsync(file, reason, cancellationToken);
        if (check is null || check.Valid == 0)
        {
            return (null, new BulkProblem(BulkProblemKind.Invalid, error ?? "No row is valid, so nothing was started."));
        }

        var batch = await StoreAsync(check, null, actor, cancellationToken);
        var (_, problem) = await StartAsync(batch.Id, actor, cancellationToken, auditKey);
        if (auditKey is not null && await StartedByAsync(auditKey, cancellationToken) is { } winner && winner.Batch.Id != batch.Id)
        {
            return (winner, null);
        }

        return problem is not null
            ? (null, problem)
            : (new BulkSummary((await queries.FindAsync(batch.Id, cancellationToken))!, [.. check.Rows.Where(r => r.Status == BulkRowStatus.Invalid)]), null);
    }

    public async Task<(BulkBatch? Batch, BulkProblem? Problem)> StartAsync(long batchId, AdminActor actor,
        CancellationToken cancellationToken, string? auditKey = null)
    {
        if (await queries.FindAsync(batchId, cancellationToken) is not { } batch)
        {
            return (null, NotFound(batchId));
        }

        if (batch.Status != BulkStatus.Checked)
        {
            return (batch, null);
        }

        if (batch.Valid == 0)
        {
            return (null, new BulkProblem(BulkProblemKind.Invalid, "No row is valid, so there is nothing to grant."));
        }

        var record = new AuditRecord(actor, AuditActions.Bulk, AuditTargets.BulkBatch, Id(batchId), batch.Reason)
        {
            Before = new { status = Status(BulkStatus.Checked) },
            After = new { batch_id = batchId, rows = batch.Rows, valid = batch.Valid, total_tokens = batch.TotalTokens },
            IdempotencyKey = auditKey ?? BulkKeys.Start(batchId),
        };
        var now = clock.GetUtcNow().UtcDateTime;
        await MoveOnAsync(record, async ct =>
        {
            if (auditKey is not null && await db.AuditEntries.AnyAsync(e => e.IdempotencyKey == auditKey, ct))
            {
                return 0;
            }

            return await db.BulkBatches.Where(b => b.Id == batchId && b.Status == BulkStatus.Checked)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BulkStatus.Running).SetProperty(b => b.StartedAt, now), ct);
        }, cancellationToken);
        return (await queries.FindAsync(batchId, cancellationToken), null);
    }

    /// <summary>Takes back every grant of a finished batch (what is left of each); the rest is reported as spent.</summary>
    public async Task<(BulkBatch? Batch, BulkProblem? Problem)> ReverseAsync(long batchId, string? reason, AdminActor actor,
        CancellationToken cancellationToken)
    {
        var why = reason?.Trim();
        if (string.IsNullOrEmpty(why) || why.Length > BulkCells.MaxReasonLength)
        {
            return (null, new BulkProblem(BulkProblemKind.Invalid, string.IsNullOrEmpty(why)
                ? "A reason is required."
                : $"The reason must be at most {BulkCells.MaxReasonLength} characters."));
        }

        var batch = await queries.FindAsync(batchId, cancellationToken);
        switch (batch?.Status)
        {
            case null:
                return (null, NotFound(batchId));
            case BulkStatus.Reversing or BulkStatus.Reversed:
                return (batch, null);
            case BulkStatus.Checked:
                return (null, new BulkProblem(BulkProblemKind.Conflict, "This batch was never started, so there is nothing to reverse."));
            case BulkStatus.Running:
                return (null, new BulkProblem(BulkProblemKind.Conflict, "This batch is still running; reverse it when it is done."));
        }

        var record = new AuditRecord(actor, AuditActions.BulkReverse, AuditTargets.BulkBatch, Id(batchId), why)
        {
            Before = new { status = Status(BulkStatus.Done), granted = batch.Done - batch.Failed, total_tokens = batch.TotalTokens },
            After = new { batch_id = batchId, status = Status(BulkStatus.Reversing) },
            IdempotencyKey = BulkKeys.Reverse(batchId),
        };
        // The reversal walks the rows again from the first, with the same checkpoint.
        await MoveOnAsync(record, ct => db.BulkBatches.Where(b => b.Id == batchId && b.Status == BulkStatus.Done)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BulkStatus.Reversing).SetProperty(b => b.NextRow, 1)
                .SetProperty(b => b.LeaseOwner, (string?)null).SetProperty(b => b.LeaseUntil, (DateTime?)null), ct), cancellationToken);
        return (await queries.FindAsync(batchId, cancellationToken), null);
    }

    public static string Status(BulkStatus status) => SnakeCaseEnumConverter<BulkStatus>.ToSnakeCase(status);

    public static string Status(BulkRowStatus status) => SnakeCaseEnumConverter<BulkRowStatus>.ToSnakeCase(status);

    /// <summary>
    /// Moves the batch on (a conditional update) and writes its audit row, in one transaction. When
    /// the update finds the batch already moved (a double submit), neither happens.
    /// </summary>
    private async Task MoveOnAsync(AuditRecord record, Func<CancellationToken, Task<int>> transition, CancellationToken cancellationToken)
    {
        try
        {
            await audit.WriteAsync(record, async ct =>
            {
                if (await transition(ct) == 0)
                {
                    throw new AlreadyMoved();
                }
            }, cancellationToken);
            signal.Wake();
        }
        catch (AlreadyMoved)
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// Stores the check a chunk of rows per transaction, so the ledger's writes are not held up behind
    /// one long insert (SQLite has one write lock). The batch counts no row until the last chunk is in,
    /// and a batch with no valid row cannot be started, so a store cut short is never run; one that
    /// fails is deleted.
    /// </summary>
    private async Task<BulkBatch> StoreAsync(BulkCheck check, string? fileName, AdminActor actor, CancellationToken cancellationToken)
    {
        var batch = new BulkBatch
        {
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            CreatedBy = actor.Id,
            CreatedByEmail = actor.Email,
            FileName = Path.GetFileName(fileName ?? "api.csv") is { Length: > 0 } name ? name[..Math.Min(name.Length, 260)] : "upload.csv",
            Reason = check.Reason,
            Status = BulkStatus.Checked,
        };
        db.BulkBatches.Add(batch);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        try
        {
            foreach (var chunk in check.Rows.Chunk(InsertChunk))
            {
                var started = clock.GetTimestamp();
                await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
                {
                    await BulkRowSql.InsertAsync(db, batch.Id, chunk, cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                }

                // The ledger's writer retries a busy SQLite lock every 150 ms: leave the lock free as
                // long as this chunk held it, or back-to-back chunks would keep it waiting throughout.
                if (db.Database.IsSqlite())
                {
                    await Task.Delay(clock.GetElapsedTime(started), clock, cancellationToken);
                }
            }

            var (rows, valid, total) = (check.Rows.Count, check.Valid, check.TotalTokens);
            await db.BulkBatches.Where(b => b.Id == batch.Id).ExecuteUpdateAsync(s => s.SetProperty(b => b.Rows, rows)
                .SetProperty(b => b.Valid, valid).SetProperty(b => b.Invalid, rows - valid).SetProperty(b => b.TotalTokens, total),
                cancellationToken);
            (batch.Rows, batch.Valid, batch.Invalid, batch.TotalTokens) = (rows, valid, rows - valid, total);
            return batch;
        }
        catch
        {
            await db.BulkBatches.Where(b => b.Id == batch.Id).ExecuteDeleteAsync(CancellationToken.None);
            throw;
        }
    }

    private async Task<BulkSummary?> StartedByAsync(string auditKey, CancellationToken cancellationToken)
    {
        var target = await db.AuditEntries.AsNoTracking().Where(e => e.IdempotencyKey == auditKey)
            .Select(e => e.TargetId).SingleOrDefaultAsync(cancellationToken);
        return long.TryParse(target, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
               && await queries.FindAsync(id, cancellationToken) is { } batch
            ? new BulkSummary(batch, await queries.RowsAsync(id, BulkRowStatus.Invalid, int.MaxValue, cancellationToken))
            : null;
    }

    private static BulkProblem NotFound(long batchId) => new(BulkProblemKind.NotFound, $"bulk batch {batchId} not found");

    private static string Id(long batchId) => batchId.ToString(CultureInfo.InvariantCulture);

    private sealed class AlreadyMoved : Exception;
}
