using Microsoft.EntityFrameworkCore;
using TokenSaas.Admin;
using TokenSaas.Audit;
using TokenSaas.Data;
using TokenSaas.Ledger;

namespace TokenSaas.Content;

/// <summary>
/// Admins' writes to a pricing block's draft: saving it (not audited, autosaved often) and
/// restoring an old version's text into it (audited, once per submit). Publishing is
/// <see cref="ContentPublisher"/>'s.
/// </summary>
public sealed class ContentEditor(AppDbContext db, AuditLog audit, ContentHistory history, TimeProvider clock)
{
    public const string NoMarkdownMessage = "Write some Markdown first: the text is empty.";

    public async Task<EditResult<DraftView>> SaveDraftAsync(string planId, string? markdown, AdminActor actor, CancellationToken cancellationToken = default)
    {
        if (await history.TargetAsync(planId, cancellationToken) is not { } target)
        {
            return NotFound<DraftView>(planId);
        }

        if (MarkdownError(markdown) is { } error)
        {
            return EditResult<DraftView>.Refused(EditOutcome.Invalid, "markdown", error);
        }

        var now = Now;
        var block = await db.ContentBlocks.SingleOrDefaultAsync(b => b.Key == target.Key, cancellationToken);
        if (block is null)
        {
            block = new ContentBlock { Key = target.Key };
            db.ContentBlocks.Add(block);
        }

        block.Draft = markdown;
        block.DraftUpdatedAt = now;
        block.DraftUpdatedBy = actor.Email;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (db.Entry(block).State == EntityState.Added)
        {
            // Two first autosaves raced to create the row: the other made it, so this one updates it.
            db.ChangeTracker.Clear();
            if (!await db.ContentBlocks.AnyAsync(b => b.Key == target.Key, cancellationToken))
            {
                throw;
            }

            return await SaveDraftAsync(planId, markdown, actor, cancellationToken);
        }

        return EditResult<DraftView>.Ok(new DraftView(markdown!, now, actor.Email));
    }

    /// <summary>
    /// Version <paramref name="version"/>'s text becomes the draft; the versions themselves are left as they are.
    /// A second submit under the same <paramref name="idempotencyKey"/> changes nothing.
    /// </summary>
    public async Task<EditResult<DraftView>> RestoreAsync(string planId, int version, AdminActor actor, string? idempotencyKey = null,
        CancellationToken cancellationToken = default)
    {
        if (await history.TargetAsync(planId, cancellationToken) is not { } target)
        {
            return NotFound<DraftView>(planId);
        }

        if (!string.IsNullOrWhiteSpace(idempotencyKey) && SystemKeys.Validate(idempotencyKey) is { } keyError)
        {
            return EditResult<DraftView>.Refused(EditOutcome.Invalid, "idempotency_key", keyError);
        }

        var old = await db.ContentVersions.AsNoTracking().SingleOrDefaultAsync(v => v.BlockKey == target.Key && v.Number == version, cancellationToken);
        if (old is null)
        {
            return EditResult<DraftView>.Refused(EditOutcome.NotFound, "version", $"{target.Title} has no version {version}.");
        }

        var now = Now;
        var (_, replayed) = await audit.WriteOnceAsync(new AuditRecord(actor, AuditActions.ContentRestore, AuditTargets.Content, target.Key,
            $"restored version {version}")
        {
            After = new { restored_version = version },
            IdempotencyKey = string.IsNullOrWhiteSpace(idempotencyKey) ? null : $"content-restore:{idempotencyKey.Trim()}",
        }, async ct =>
        {
            db.ChangeTracker.Clear();
            var block = await db.ContentBlocks.SingleOrDefaultAsync(b => b.Key == target.Key, ct);
            if (block is null)
            {
                block = new ContentBlock { Key = target.Key };
                db.ContentBlocks.Add(block);
            }

            block.Draft = old.Markdown;
            block.DraftUpdatedAt = now;
            block.DraftUpdatedBy = actor.Email;
            await db.SaveChangesAsync(ct);
        }, cancellationToken);
        return replayed
            ? EditResult<DraftView>.Ok((await history.BlockAsync(target, cancellationToken)).Draft ?? new DraftView(old.Markdown, now, actor.Email),
                EditOutcome.Replayed)
            : EditResult<DraftView>.Ok(new DraftView(old.Markdown, now, actor.Email));
    }

    public static string? MarkdownError(string? markdown) => markdown switch
    {
        null => NoMarkdownMessage,
        _ when string.IsNullOrWhiteSpace(markdown) => NoMarkdownMessage,
        { Length: > ContentBlock.MaxMarkdownLength } => $"The text is too long: {markdown.Length:N0} characters, the most is {ContentBlock.MaxMarkdownLength:N0}.",
        _ => null,
    };

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    internal static EditResult<T> NotFound<T>(string? planId) =>
        EditResult<T>.Refused(EditOutcome.NotFound, "plan_id", $"There is no plan '{planId}' on sale (use \"intro\" or a plan's key).");
}
