using Microsoft.EntityFrameworkCore;
using TokenSaas.Admin;
using TokenSaas.Audit;
using TokenSaas.Data;
using TokenSaas.Ledger;

namespace TokenSaas.Content;

public sealed record TestimonialInput(string? Quote, string? Name, string? Role);

/// <summary>
/// Admins' changes to testimonials: add, edit, approve and unapprove, reorder. Every change is
/// audited under the approval state it leaves (testimonial.approve / testimonial.unapprove). A
/// re-worded quote loses its approval, so words no admin approved never reach the page.
/// </summary>
public sealed class TestimonialEditor(AppDbContext db, ContentPageEdits edits)
{
    public const int MaxQuote = 1_000;
    public const int MaxName = 100;
    public const int MaxRole = 100;

    public Task<List<Testimonial>> ListAsync(CancellationToken cancellationToken = default) =>
        db.Testimonials.AsNoTracking().OrderBy(t => t.SortOrder).ThenBy(t => t.Id).ToListAsync(cancellationToken);

    public async Task<EditResult<long>> SaveAsync(long? id, TestimonialInput input, AdminAct act, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string>();
        ContentPageEdits.Text(input.Quote, "quote", "The quote", MaxQuote, errors);
        ContentPageEdits.Text(input.Name, "name", "The name", MaxName, errors);
        ContentPageEdits.Text(input.Role, "role", "The role", MaxRole, errors, required: false);
        if (id is { } existing && !await db.Testimonials.AnyAsync(t => t.Id == existing, cancellationToken))
        {
            return NotFound();
        }

        return await edits.WriteAsync(act, errors, async ct =>
        {
            var testimonial = id is null ? new Testimonial { CreatedAt = edits.Now } : await db.Testimonials.SingleAsync(t => t.Id == id, ct);
            var before = id is null ? null : Snapshot(testimonial);
            var quote = input.Quote!.Trim();
            if (id is null)
            {
                testimonial.SortOrder = (await db.Testimonials.MaxAsync(t => (int?)t.SortOrder, ct) ?? 0) + 1;
                db.Testimonials.Add(testimonial);
            }
            else if (testimonial.Quote != quote)
            {
                testimonial.Approved = false;
            }

            testimonial.Quote = quote;
            testimonial.Name = input.Name!.Trim();
            testimonial.Role = string.IsNullOrWhiteSpace(input.Role) ? null : input.Role.Trim();
            testimonial.UpdatedAt = edits.Now;
            await db.SaveChangesAsync(ct);
            return new ContentChange(testimonial.Approved ? AuditActions.TestimonialApprove : AuditActions.TestimonialUnapprove, testimonial.Id, before,
                Snapshot(testimonial));
        }, cancellationToken);
    }

    public async Task<EditResult<long>> ApproveAsync(long id, bool approved, AdminAct act, CancellationToken cancellationToken = default)
    {
        if (!await db.Testimonials.AnyAsync(t => t.Id == id, cancellationToken))
        {
            return NotFound();
        }

        return await edits.WriteAsync(act, [], async ct =>
        {
            var testimonial = await db.Testimonials.SingleAsync(t => t.Id == id, ct);
            var before = Snapshot(testimonial);
            testimonial.Approved = approved;
            testimonial.UpdatedAt = edits.Now;
            await db.SaveChangesAsync(ct);
            return new ContentChange(approved ? AuditActions.TestimonialApprove : AuditActions.TestimonialUnapprove, id, before, Snapshot(testimonial));
        }, cancellationToken);
    }

    /// <summary>Swaps the testimonial with its neighbour (<paramref name="step"/> -1 up, +1 down); audited with its approval state unchanged.</summary>
    public async Task<EditResult<long>> MoveAsync(long id, int step, AdminAct act, CancellationToken cancellationToken = default)
    {
        var order = await db.Testimonials.AsNoTracking().OrderBy(t => t.SortOrder).ThenBy(t => t.Id).Select(t => new { t.Id, t.Approved })
            .ToListAsync(cancellationToken);
        var index = order.FindIndex(t => t.Id == id);
        if (index < 0)
        {
            return NotFound();
        }

        var target = index + Math.Sign(step);
        if (target < 0 || target >= order.Count)
        {
            return EditResult<long>.Ok(id, EditOutcome.Unchanged);
        }

        var ids = order.Select(t => t.Id).ToList();
        (ids[index], ids[target]) = (ids[target], ids[index]);
        var action = order[index].Approved ? AuditActions.TestimonialApprove : AuditActions.TestimonialUnapprove;
        return await edits.WriteAsync(act, [], async ct =>
        {
            foreach (var row in await db.Testimonials.ToListAsync(ct))
            {
                row.SortOrder = ids.IndexOf(row.Id) + 1;
            }

            await db.SaveChangesAsync(ct);
            return new ContentChange(action, id, new { position = index + 1 }, new { position = target + 1 });
        }, cancellationToken);
    }

    private static EditResult<long> NotFound() => EditResult<long>.Refused(EditOutcome.NotFound, string.Empty, "That testimonial no longer exists.");

    private static object Snapshot(Testimonial t) => new { quote = t.Quote, name = t.Name, role = t.Role, approved = t.Approved, sort_order = t.SortOrder };
}
