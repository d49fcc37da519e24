using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TokenSaas.Admin;
using TokenSaas.Audit;
using TokenSaas.Data;
using TokenSaas.Ledger;
using TokenSaas.Scheduling;

namespace TokenSaas.Promotions;

/// <summary>A batch as started, with its codes when it is small enough to have been made at once.</summary>
public sealed record CodeRun(CodeBatch Batch, IReadOnlyList<string> Codes);

/// <summary>
/// Starts runs of unique one-use codes for a promotion. Every request is checked before anything
/// is written; then the batch row and its audit row are written in one transaction. A run of up to
/// <see cref="InlineMax"/> codes is made within the request (so the answer can list them) by the
/// same <see cref="CodeRunner"/> the background <see cref="CodeWorker"/> uses for larger ones.
/// </summary>
public sealed class CodeGenerator(AppDbContext db, AuditLog audit, CodeRunner runner, CodeSignal signal, TimeProvider clock,
    IOptions<CodeOptions> options)
{
    /// <summary>SPEC 10.4: codes are listed up to 1,000; beyond that the answer is a CSV link.</summary>
    public const int InlineMax = 1_000;

    public async Task<EditResult<CodeRun>> StartAsync(long promotionId, long? count, string? pattern, AdminActor actor, string? reason,
        string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string>();
        var note = Check(count, pattern, reason, idempotencyKey, errors, out var parsed);
        if (errors.Count == 0 && idempotencyKey is not null && await ReplayAsync(promotionId, idempotencyKey, cancellationToken) is { } replay)
        {
            return replay;
        }

        var promotion = await db.Promotions.AsNoTracking().SingleOrDefaultAsync(p => p.Id == promotionId, cancellationToken);
        if (promotion is null)
        {
            return EditResult<CodeRun>.Refused(EditOutcome.NotFound, "promotion_id", $"There is no promotion {promotionId}.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (promotion.StatusAt(now) == PromotionStatus.Ended)
        {
            errors.TryAdd("promotion_id", $"“{promotion.Name}” has ended ({promotion.EndReason(now)}): codes for it would never work.");
        }

        if (errors.Count == 0 && await TakenAsync(parsed!, cancellationToken) is var taken && taken > 0
            && count!.Value > (parsed!.Combinations - taken) / 2)
        {
            errors["count"] = $"{parsed.Text} gives {parsed.Combinations:N0} codes and earlier runs took {taken:N0}: ask for at most " +
                              $"{BigInteger.Max(0, (parsed.Combinations - taken) / 2):N0}, or add placeholders.";
        }

        if (errors.Count > 0)
        {
            return EditResult<CodeRun>.Refused(errors);
        }

        // A small run is made by this request: held from the start, so the worker leaves it alone unless the request dies.
        var owner = count <= InlineMax ? LeasedJobWorker.NewInstanceName() : null;
        CodeBatch batch = null!;
        var after = new Dictionary<string, object?>();
        var record = new AuditRecord(actor, AuditActions.PromotionCodes, AuditTargets.Promotion, Id(promotionId), note)
        {
            After = after,
            IdempotencyKey = idempotencyKey,
        };
        var (_, replayed) = await audit.WriteOnceAsync(record, async ct =>
        {
            // A fresh row on each attempt: the audit log retries the whole change after a conflict.
            batch = new CodeBatch
            {
                PromotionId = promotionId, Pattern = parsed!.Text, Count = (int)count!.Value, Status = CodeBatchStatus.Running,
                CreatedBy = actor.Email, CreatedAt = now, LeaseOwner = owner,
                LeaseUntil = owner is null ? null : now.AddSeconds(options.Value.LeaseSeconds),
            };
            db.PromotionCodeBatches.Add(batch);
            await db.SaveChangesAsync(ct);
            after["batch_id"] = batch.Id;
            after["count"] = batch.Count;
            after["pattern"] = batch.Pattern;
        }, cancellationToken);
        db.ChangeTracker.Clear();
        if (replayed)
        {
            return await ReplayAsync(promotionId, idempotencyKey!, cancellationToken)
                   ?? EditResult<CodeRun>.Refused(EditOutcome.Conflict, "idempotency_key", CatalogueRules.ReusedKeyMessage);
        }

        try
        {
            if (owner is not null)
            {
                await runner.RunReleasingAsync(batch.Id, owner, cancellationToken);
            }
        }
        finally
        {
            // Also when the inline run stopped early (the caller went away): the worker finishes it at once.
            signal.Wake();
        }

        return EditResult<CodeRun>.Ok(await RunOfAsync(batch.Id, cancellationToken));
    }

    /// <summary>The pattern, count, note and key checked together, so the admin sees every problem at once; the note, trimmed.</summary>
    private static string? Check(long? count, string? pattern, string? reason, string? idempotencyKey, Dictionary<string, string> errors,
        out CodePattern? parsed)
    {
        parsed = CodePattern.TryParse(pattern, out var p, out var patternError) ? p : null;
        if (parsed is null)
        {
            errors["pattern"] = patternError;
        }

        var countError = count is not { } n ? "Enter how many codes to make, from 1 to 100,000."
            : parsed is null ? CodePattern.CheckRange(n) : parsed.CheckCount(n);
        if (countError is not null)
        {
            errors["count"] = countError;
        }

        var note = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (note is { Length: > AuditEntry.MaxReasonLength })
        {
            errors["reason"] = $"Keep the note to {AuditEntry.MaxReasonLength} characters (it has {note.Length}).";
        }

        if (idempotencyKey is not null && SystemKeys.Validate(idempotencyKey) is { } keyError)
        {
            errors["idempotency_key"] = keyError;
        }

        return note;
    }

    /// <summary>Codes earlier runs already drew from the same pattern (for any promotion): they are not there to be drawn again.</summary>
    private async Task<long> TakenAsync(CodePattern pattern, CancellationToken cancellationToken) =>
        await db.PromotionCodeBatches.AsNoTracking().Where(b => b.Pattern == pattern.Text)
            .SumAsync(b => (long)(b.Status == CodeBatchStatus.Failed ? b.Generated : b.Count), cancellationToken);

    /// <summary>The batch an earlier request under <paramref name="idempotencyKey"/> started; a conflict if that key did something else.</summary>
    private async Task<EditResult<CodeRun>?> ReplayAsync(long promotionId, string idempotencyKey, CancellationToken cancellationToken)
    {
        var earlier = await db.AuditEntries.AsNoTracking().Where(e => e.IdempotencyKey == idempotencyKey)
            .Select(e => new { e.Action, e.TargetId, e.After }).FirstOrDefaultAsync(cancellationToken);
        if (earlier is null)
        {
            return null;
        }

        if (earlier.Action == AuditActions.PromotionCodes && earlier.TargetId == Id(promotionId) && earlier.After is { } json)
        {
            using var after = JsonDocument.Parse(json);
            if (after.RootElement.TryGetProperty("batch_id", out var id))
            {
                return EditResult<CodeRun>.Ok(await RunOfAsync(id.GetInt64(), cancellationToken), EditOutcome.Replayed);
            }
        }

        return EditResult<CodeRun>.Refused(EditOutcome.Conflict, "idempotency_key", CatalogueRules.ReusedKeyMessage);
    }

    private async Task<CodeRun> RunOfAsync(long batchId, CancellationToken cancellationToken)
    {
        var batch = await db.PromotionCodeBatches.AsNoTracking().SingleAsync(b => b.Id == batchId, cancellationToken);
        var codes = batch.Count <= InlineMax && batch.Status == CodeBatchStatus.Done
            ? await db.PromotionCodes.AsNoTracking().Where(c => c.PromotionId == batch.PromotionId && c.BatchId == batchId)
                .OrderBy(c => c.Code).Select(c => c.Code).ToListAsync(cancellationToken)
            : [];
        return new CodeRun(batch, codes);
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
