using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Admin;
using TokenSaas.Audit;
using TokenSaas.Data;
using TokenSaas.Ledger;

namespace TokenSaas.Content;

/// <summary>What to publish: the text typed (null: the saved draft), a note, a time (null: now) and the submit's key.</summary>
public sealed record PublishOrder(string? Note, string? IdempotencyKey, string? PublishAt = null, string? Markdown = null);

/// <summary>
/// A pricing block's versions: publishing now or at a time (a new immutable version each,
/// audited once per submit) and the scheduler's making due versions live.
/// </summary>
public sealed class ContentPublisher(AppDbContext db, AuditLog audit, ContentHistory history, TokenCalendar calendar, TimeProvider clock)
{
    /// <summary>
    /// The order's text (or, without one, the saved draft) becomes version n+1: live now, or at its
    /// publish time (site time, or with an offset). Publishing now cancels any schedule still
    /// pending, which would otherwise bring older text back later.
    /// </summary>
    public async Task<EditResult<PublishResult>> PublishAsync(string planId, PublishOrder order, AdminActor actor,
        CancellationToken cancellationToken = default)
    {
        if (await history.TargetAsync(planId, cancellationToken) is not { } target)
        {
            return ContentEditor.NotFound<PublishResult>(planId);
        }

        var (note, idempotencyKey, publishAt) = (order.Note, order.IdempotencyKey, order.PublishAt);
        var errors = new Dictionary<string, string>();
        if (order.Markdown is not null && ContentEditor.MarkdownError(order.Markdown) is { } markdownError)
        {
            errors["markdown"] = markdownError;
        }

        var trimmedNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (trimmedNote?.Length > AuditEntry.MaxReasonLength)
        {
            errors["note"] = $"Keep the note to {AuditEntry.MaxReasonLength} characters (it has {trimmedNote.Length}).";
        }

        var key = string.IsNullOrWhiteSpace(idempotencyKey) ? null : $"content:{idempotencyKey.Trim()}";
        if (key is not null && SystemKeys.Validate(idempotencyKey!) is { } keyError)
        {
            errors["idempotency_key"] = keyError;
        }

        var (at, timeError) = ContentTimes.Parse(publishAt, calendar.Zone);
        if (timeError is not null)
        {
            errors["publish_at"] = timeError;
        }
        else if (at is { } time && time <= Now)
        {
            errors["publish_at"] = "The publish time must be in the future.";
        }

        if (errors.Count > 0)
        {
            return EditResult<PublishResult>.Refused(errors);
        }

        if (key is not null && await ReplayAsync(key, target.Key, cancellationToken) is { } replay)
        {
            return replay;
        }

        try
        {
            PublishResult? made = null;
            var (_, replayed) = await audit.WriteOnceAsync(key, async ct =>
            {
                db.ChangeTracker.Clear();
                made = await MakeVersionAsync(target.Key, order.Markdown, trimmedNote, actor, at, ct);
                return new AuditRecord(actor, made.Scheduled ? AuditActions.ContentSchedule : AuditActions.ContentPublish, AuditTargets.Content,
                    target.Key, trimmedNote)
                {
                    After = new { version = made.Version, publish_at = made.PublishAt },
                    IdempotencyKey = key,
                };
            }, cancellationToken);
            return !replayed ? EditResult<PublishResult>.Ok(made!) : await ReplayAsync(key!, target.Key, cancellationToken) ?? Conflict();
        }
        catch (ContentRefusedException ex)
        {
            db.ChangeTracker.Clear();
            return EditResult<PublishResult>.Refused(EditOutcome.Invalid, ex.Field, ex.Message);
        }
    }

    /// <summary>Scheduled versions whose time has come go live, earliest first, each once (its audit key says so).</summary>
    public async Task<int> PublishDueAsync(DateTime now, CancellationToken cancellationToken = default)
    {
        var due = await db.ContentVersions.AsNoTracking().Where(v => v.PublishedAt == null && !v.Cancelled && v.PublishAt <= now)
            .OrderBy(v => v.PublishAt).ThenBy(v => v.Number).Select(v => new { v.BlockKey, v.Number }).ToListAsync(cancellationToken);
        var made = 0;
        foreach (var item in due)
        {
            try
            {
                var (_, replayed) = await audit.WriteOnceAsync($"~content-live:{item.BlockKey}:{item.Number}", async ct =>
                {
                    db.ChangeTracker.Clear();
                    var version = await db.ContentVersions.SingleAsync(v => v.BlockKey == item.BlockKey && v.Number == item.Number, ct);
                    var block = await db.ContentBlocks.SingleAsync(b => b.Key == item.BlockKey, ct);
                    if (version.PublishedAt is not null || version.Cancelled || block.PublishedVersion > version.Number)
                    {
                        throw new ContentRefusedException("version", "no longer pending");
                    }

                    version.PublishedAt = now;
                    block.PublishedVersion = version.Number;
                    block.PublishedAt = now;
                    await db.SaveChangesAsync(ct);
                    return new AuditRecord(new AdminActor(version.AuthorId, version.AuthorEmail, null), AuditActions.ContentPublish,
                        AuditTargets.Content, item.BlockKey, version.Note)
                    {
                        After = new { version = version.Number, publish_at = version.PublishAt, scheduled = true },
                        IdempotencyKey = $"~content-live:{item.BlockKey}:{item.Number}",
                    };
                }, cancellationToken);
                made += replayed ? 0 : 1;
            }
            catch (ContentRefusedException)
            {
                // Overtaken by a later version (or made live by another run) since the list was read.
                db.ChangeTracker.Clear();
            }
        }

        return made;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<PublishResult> MakeVersionAsync(string blockKey, string? typed, string? note, AdminActor actor, DateTime? at,
        CancellationToken ct)
    {
        var block = await db.ContentBlocks.SingleOrDefaultAsync(b => b.Key == blockKey, ct);
        if ((typed ?? block?.Draft) is not { } draft)
        {
            throw new ContentRefusedException("markdown", "Nothing to publish: there is no draft. Edit the text first.");
        }

        if (block is null)
        {
            block = new ContentBlock { Key = blockKey };
            db.ContentBlocks.Add(block);
        }

        var live = block.PublishedVersion is { } liveNumber
            ? await db.ContentVersions.AsNoTracking().Where(v => v.BlockKey == blockKey && v.Number == liveNumber).Select(v => v.Markdown).SingleAsync(ct)
            : null;
        if (at is null && draft == live)
        {
            throw new ContentRefusedException("markdown", "Nothing to publish: the draft is the same as the live version.");
        }

        var now = Now;
        var number = (await db.ContentVersions.Where(v => v.BlockKey == blockKey).MaxAsync(v => (int?)v.Number, ct) ?? 0) + 1;
        var pending = await db.ContentVersions.Where(v => v.BlockKey == blockKey && v.PublishedAt == null && !v.Cancelled).ToListAsync(ct);
        // A pending schedule due at or after this one would later replace this newer text with older text.
        foreach (var stale in pending.Where(p => at is null || p.PublishAt >= at))
        {
            stale.Cancelled = true;
        }

        db.ContentVersions.Add(new ContentVersion
        {
            BlockKey = blockKey,
            Number = number,
            Markdown = draft,
            Html = MarkdownRenderer.Render(draft).Html,
            Note = note,
            AuthorId = actor.Id,
            AuthorEmail = actor.Email,
            CreatedAt = now,
            PublishAt = at ?? now,
            PublishedAt = at is null ? now : null,
        });
        if (at is null)
        {
            block.PublishedVersion = number;
            block.PublishedAt = now;
        }

        block.Draft = null;
        block.DraftUpdatedAt = null;
        block.DraftUpdatedBy = null;
        await db.SaveChangesAsync(ct);
        return new PublishResult(number, at ?? now, at is not null);
    }

    private async Task<EditResult<PublishResult>?> ReplayAsync(string key, string blockKey, CancellationToken cancellationToken)
    {
        var earlier = await db.AuditEntries.AsNoTracking().Where(e => e.IdempotencyKey == key)
            .Select(e => new { e.Action, e.TargetId, e.After }).FirstOrDefaultAsync(cancellationToken);
        if (earlier is null)
        {
            return null;
        }

        if (earlier.Action is not (AuditActions.ContentPublish or AuditActions.ContentSchedule) || earlier.TargetId != blockKey || earlier.After is null)
        {
            return Conflict();
        }

        var number = JsonDocument.Parse(earlier.After).RootElement.GetProperty("version").GetInt32();
        var version = await db.ContentVersions.AsNoTracking().SingleAsync(v => v.BlockKey == blockKey && v.Number == number, cancellationToken);
        return EditResult<PublishResult>.Ok(new PublishResult(number, version.PublishAt, earlier.Action == AuditActions.ContentSchedule),
            EditOutcome.Replayed);
    }

    private static EditResult<PublishResult> Conflict() =>
        EditResult<PublishResult>.Refused(EditOutcome.Conflict, "idempotency_key", CatalogueRules.ReusedKeyMessage);

    private sealed class ContentRefusedException(string fieldName, string message) : Exception(message)
    {
        public string Field => fieldName;
    }
}
