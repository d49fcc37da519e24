using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TokenSaas.Audit;
using TokenSaas.Data;
using TokenSaas.Ledger;

namespace TokenSaas.Admin.Bulk;

/// <summary>
/// Works through a batch this instance has claimed, in row order, one chunk at a time: the chunk's
/// pending rows go to the ledger, a bounded number at once, each under its own idempotency key;
/// then one transaction records the rows' outcomes and moves the checkpoint on. A crash between
/// the two loses nothing: the chunk is sent again, and the ledger answers rows it already granted
/// with their first entry.
/// </summary>
public sealed class BulkRunner(AppDbContext db, LedgerService ledger, TimeProvider clock, IOptions<BulkOptions> options,
    ILogger<BulkRunner> logger)
{
    private const int MaxError = 300;

    /// <summary>What a chunk did: the rows it changed and what to add to the batch's counts.</summary>
    private sealed record Progress(IReadOnlyList<BulkRow> Changed, int Done, int Failed, int Reversed, long Shortfall);

    /// <summary>Runs until the batch is finished, or this instance no longer holds its lease.</summary>
    public async Task RunAsync(long batchId, string owner, CancellationToken cancellationToken)
    {
        string? actor = null;
        while (await db.BulkBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == batchId, cancellationToken) is { } batch
               && batch.LeaseOwner == owner && batch.Status is BulkStatus.Running or BulkStatus.Reversing)
        {
            actor ??= await ActorAsync(batch, cancellationToken);
            var rows = await db.BulkRows.AsNoTracking().Where(r => r.BatchId == batchId && r.Row >= batch.NextRow)
                .OrderBy(r => r.Row).Take(options.Value.ChunkSize).ToListAsync(cancellationToken);
            var progress = batch.Status == BulkStatus.Running
                ? await GrantAsync(batch, rows, actor, cancellationToken)
                : await ReverseAsync(batch, rows, actor, cancellationToken);
            var moved = await CheckpointAsync(batch, owner, rows.Count == 0 ? batch.Rows : rows[^1].Row, progress, cancellationToken);
            if (!moved)
            {
                logger.LogWarning("Bulk batch {BatchId}: the lease passed to another instance; stopping here", batchId);
                return;
            }
        }
    }

    private async Task<Progress> GrantAsync(BulkBatch batch, List<BulkRow> rows, string actor, CancellationToken cancellationToken)
    {
        var pending = rows.Where(r => r.Status == BulkRowStatus.Pending).ToList();
        var live = await LiveUsersAsync(pending, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        using var window = new SemaphoreSlim(options.Value.InFlight);
        await Task.WhenAll(pending.Select(row => Windowed(window, async () =>
        {
            if (!live.Contains(row.UserId!))
            {
                Fail(row, BulkRowStatus.Failed, "The user no longer exists.");
                return;
            }

            if (row.ExpiresAt <= now)
            {
                Fail(row, BulkRowStatus.Failed, "The expiry had passed when the row's turn came.");
                return;
            }

            var key = BulkKeys.Row(batch.Id, row.Row);
            var grant = new TokenGrant(GrantBucket.Bonus, row.Amount!.Value, "bulk", key, actor,
                $"Bulk allocation: {row.Reason ?? batch.Reason}") { ExpiresAt = row.ExpiresAt, CorrelationId = key };
            var result = await Guarded(row, () => ledger.GrantAsync(row.UserId!, grant, cancellationToken));
            if (result?.Failure is { } failure)
            {
                Fail(row, BulkRowStatus.Failed, failure.Message);
            }
            else if (result?.Value is { } granted)
            {
                row.Status = BulkRowStatus.Granted;
                row.EntryId = granted.EntryId;
            }
        }, cancellationToken)));
        return new Progress(pending, pending.Count, pending.Count(r => r.Status == BulkRowStatus.Failed), 0, 0);
    }

    private async Task<Progress> ReverseAsync(BulkBatch batch, List<BulkRow> rows, string actor, CancellationToken cancellationToken)
    {
        var granted = rows.Where(r => r.Status == BulkRowStatus.Granted).ToList();
        var live = await LiveUsersAsync(granted, cancellationToken);
        long shortfall = 0;
        using var window = new SemaphoreSlim(options.Value.InFlight);
        await Task.WhenAll(granted.Select(row => Windowed(window, async () =>
        {
            if (!live.Contains(row.UserId!))
            {
                Fail(row, BulkRowStatus.Granted, "Not reversed: the user no longer exists.");
                return;
            }

            var result = await Guarded(row, () => ledger.ClawbackAsync(row.UserId!, BulkKeys.Row(batch.Id, row.Row), row.Amount!.Value,
                BulkKeys.RowReversal(batch.Id, row.Row), actor, $"Reversal of bulk allocation #{batch.Id}", cancellationToken));
            if (result?.Failure is { } failure)
            {
                Fail(row, BulkRowStatus.Granted, "Not reversed: " + failure.Message);
            }
            else if (result?.Value is { } clawback)
            {
                row.Status = BulkRowStatus.Reversed;
                row.ReversedTokens = clawback.Taken;
                Interlocked.Add(ref shortfall, clawback.Shortfall);
            }
        }, cancellationToken)));
        return new Progress(granted, 0, 0, granted.Count(r => r.Status == BulkRowStatus.Reversed), shortfall);
    }

    /// <summary>At most <see cref="BulkOptions.InFlight"/> rows wait in the ledger's queue, so other users' requests are not stuck behind a chunk.</summary>
    private static async Task Windowed(SemaphoreSlim window, Func<Task> work, CancellationToken cancellationToken)
    {
        await window.WaitAsync(cancellationToken);
        try
        {
            await work();
        }
        finally
        {
            window.Release();
        }
    }

    /// <summary>
    /// A failure the ledger reports fails the row. An exception means the ledger wrote nothing for it
    /// after its retries; that fails the row too, unless the app is stopping, when the chunk is left
    /// for the next run.
    /// </summary>
    private async Task<LedgerResult<T>?> Guarded<T>(BulkRow row, Func<Task<LedgerResult<T>>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or ObjectDisposedException))
        {
            logger.LogError(ex, "Bulk row {BatchId}:{Row} failed in the ledger", row.BatchId, row.Row);
            Fail(row, row.Status == BulkRowStatus.Granted ? BulkRowStatus.Granted : BulkRowStatus.Failed,
                "The ledger could not process this row; nothing was changed for it.");
            return null;
        }
    }

    /// <summary>Records the chunk and moves the checkpoint, if this instance still holds the batch.</summary>
    private async Task<bool> CheckpointAsync(BulkBatch batch, string owner, int lastRow, Progress progress,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var finished = lastRow >= batch.Rows;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await BulkRowSql.UpdateAsync(db, batch.Id, progress.Changed, cancellationToken);
        var running = batch.Status == BulkStatus.Running;
        var updated = await db.BulkBatches
            .Where(b => b.Id == batch.Id && b.LeaseOwner == owner && b.Status == batch.Status && b.NextRow == batch.NextRow)
            .ExecuteUpdateAsync(s =>
            {
                s.SetProperty(b => b.NextRow, lastRow + 1)
                    .SetProperty(b => b.Done, b => b.Done + progress.Done)
                    .SetProperty(b => b.Failed, b => b.Failed + progress.Failed)
                    .SetProperty(b => b.ReversedRows, b => b.ReversedRows + progress.Reversed)
                    .SetProperty(b => b.ReversalShortfall, b => b.ReversalShortfall + progress.Shortfall)
                    .SetProperty(b => b.LeaseOwner, finished ? null : owner)
                    .SetProperty(b => b.LeaseUntil, finished ? null : now.AddSeconds(options.Value.LeaseSeconds));
                if (finished && running)
                {
                    s.SetProperty(b => b.Status, BulkStatus.Done).SetProperty(b => b.FinishedAt, now);
                }
                else if (finished)
                {
                    s.SetProperty(b => b.Status, BulkStatus.Reversed).SetProperty(b => b.ReversedAt, now);
                }
            }, cancellationToken);
        if (updated == 0)
        {
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        if (finished)
        {
            logger.LogInformation("Bulk batch {BatchId} is {Status}", batch.Id, running ? "done" : "reversed");
        }

        return true;
    }

    /// <summary>The admin who started (or reversed) the batch acts on the ledger, as the audit log says.</summary>
    private async Task<string> ActorAsync(BulkBatch batch, CancellationToken cancellationToken)
    {
        var action = batch.Status == BulkStatus.Running ? AuditActions.Bulk : AuditActions.BulkReverse;
        var id = batch.Id.ToString(CultureInfo.InvariantCulture);
        return await db.AuditEntries.AsNoTracking()
                   .Where(e => e.TargetType == AuditTargets.BulkBatch && e.TargetId == id && e.Action == action)
                   .OrderBy(e => e.Id).Select(e => e.ActorId).FirstOrDefaultAsync(cancellationToken)
               ?? batch.CreatedBy;
    }

    private async Task<HashSet<string>> LiveUsersAsync(List<BulkRow> rows, CancellationToken cancellationToken)
    {
        var ids = rows.Select(r => r.UserId!).Distinct().ToList();
        return ids.Count == 0
            ? []
            : (await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken)).ToHashSet();
    }

    private static void Fail(BulkRow row, BulkRowStatus status, string error)
    {
        row.Status = status;
        row.Error = error.Length <= MaxError ? error : error[..MaxError];
    }
}
