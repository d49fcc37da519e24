using Microsoft.EntityFrameworkCore;
using TokenSaas.Admin;
using TokenSaas.Audit;
using TokenSaas.Data;
using TokenSaas.Ledger;

namespace TokenSaas.Content;

public sealed record FaqInput(string? Category, string? Question, string? Answer);

/// <summary>Admins' changes to the FAQ: add, edit, deactivate or reactivate, move within its category; each audited as content.faq.</summary>
public sealed class FaqEditor(AppDbContext db, ContentPageEdits edits)
{
    public const int MaxCategory = 60;
    public const int MaxQuestion = 300;
    public const int MaxAnswer = 20_000;

    public Task<List<FaqEntry>> ListAsync(CancellationToken cancellationToken = default) =>
        db.FaqEntries.AsNoTracking().OrderBy(f => f.Category).ThenBy(f => f.SortOrder).ThenBy(f => f.Id).ToListAsync(cancellationToken);

    public async Task<EditResult<long>> SaveAsync(long? id, FaqInput input, AdminAct act, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string>();
        ContentPageEdits.Text(input.Category, "category", "The category", MaxCategory, errors);
        ContentPageEdits.Text(input.Question, "question", "The question", MaxQuestion, errors);
        ContentPageEdits.Text(input.Answer, "answer", "The answer", MaxAnswer, errors);
        if (id is { } existing && !await db.FaqEntries.AnyAsync(f => f.Id == existing, cancellationToken))
        {
            return EditResult<long>.Refused(EditOutcome.NotFound, string.Empty, "That FAQ entry no longer exists.");
        }

        return await edits.WriteAsync(act, errors, async ct =>
        {
            var entry = id is null ? new FaqEntry() : await db.FaqEntries.SingleAsync(f => f.Id == id, ct);
            var before = id is null ? null : Snapshot(entry);
            var category = input.Category!.Trim();
            if (id is null || entry.Category != category)
            {
                entry.SortOrder = (await db.FaqEntries.Where(f => f.Category == category).MaxAsync(f => (int?)f.SortOrder, ct) ?? 0) + 1;
            }

            entry.Category = category;
            entry.Question = input.Question!.Trim();
            entry.AnswerMarkdown = input.Answer!.Trim();
            entry.UpdatedAt = edits.Now;
            if (id is null)
            {
                db.FaqEntries.Add(entry);
            }

            await db.SaveChangesAsync(ct);
            return new ContentChange(AuditActions.ContentFaq, entry.Id, before, Snapshot(entry));
        }, cancellationToken);
    }

    public Task<EditResult<long>> SetActiveAsync(long id, bool active, AdminAct act, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, act, entry => entry.Active = active, cancellationToken);

    /// <summary>Swaps the entry with its neighbour in its category (<paramref name="step"/> -1 up, +1 down).</summary>
    public async Task<EditResult<long>> MoveAsync(long id, int step, AdminAct act, CancellationToken cancellationToken = default)
    {
        if (await db.FaqEntries.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, cancellationToken) is not { } entry)
        {
            return EditResult<long>.Refused(EditOutcome.NotFound, string.Empty, "That FAQ entry no longer exists.");
        }

        var siblings = await db.FaqEntries.AsNoTracking().Where(f => f.Category == entry.Category)
            .OrderBy(f => f.SortOrder).ThenBy(f => f.Id).Select(f => f.Id).ToListAsync(cancellationToken);
        var index = siblings.IndexOf(id);
        var target = index + Math.Sign(step);
        if (target < 0 || target >= siblings.Count)
        {
            return EditResult<long>.Ok(id, EditOutcome.Unchanged);
        }

        (siblings[index], siblings[target]) = (siblings[target], siblings[index]);
        return await edits.WriteAsync(act, [], async ct =>
        {
            var rows = await db.FaqEntries.Where(f => siblings.Contains(f.Id)).ToListAsync(ct);
            foreach (var row in rows)
            {
                row.SortOrder = siblings.IndexOf(row.Id) + 1;
            }

            await db.SaveChangesAsync(ct);
            return new ContentChange(AuditActions.ContentFaq, id, new { position = index + 1 }, new { position = target + 1 });
        }, cancellationToken);
    }

    private async Task<EditResult<long>> ChangeAsync(long id, AdminAct act, Action<FaqEntry> change, CancellationToken cancellationToken)
    {
        if (!await db.FaqEntries.AnyAsync(f => f.Id == id, cancellationToken))
        {
            return EditResult<long>.Refused(EditOutcome.NotFound, string.Empty, "That FAQ entry no longer exists.");
        }

        return await edits.WriteAsync(act, [], async ct =>
        {
            var entry = await db.FaqEntries.SingleAsync(f => f.Id == id, ct);
            var before = Snapshot(entry);
            change(entry);
            entry.UpdatedAt = edits.Now;
            await db.SaveChangesAsync(ct);
            return new ContentChange(AuditActions.ContentFaq, id, before, Snapshot(entry));
        }, cancellationToken);
    }

    private static object Snapshot(FaqEntry entry) =>
        new { category = entry.Category, question = entry.Question, answer = entry.AnswerMarkdown, active = entry.Active, sort_order = entry.SortOrder };
}
