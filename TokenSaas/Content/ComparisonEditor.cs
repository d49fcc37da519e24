using Microsoft.EntityFrameworkCore;
using TokenSaas.Admin;
using TokenSaas.Audit;
using TokenSaas.Data;
using TokenSaas.Ledger;
using TokenSaas.Plans;

namespace TokenSaas.Content;

/// <summary>A manual row as posted: its label and a cell per plan key ("yes", "no" or a short text).</summary>
public sealed record ComparisonInput(string? Label, IReadOnlyDictionary<string, string?> Cells);

/// <summary>Admins' hand-written comparison rows: add, edit, delete, reorder; each audited as content.comparison.</summary>
public sealed class ComparisonEditor(AppDbContext db, PlanCatalog plans, ContentPageEdits edits)
{
    public const int MaxLabel = 100;
    public const int MaxCell = 60;

    /// <summary>The columns a manual row has a cell for: the plans on sale.</summary>
    public async Task<IReadOnlyList<ComparisonPlan>> ColumnsAsync(CancellationToken cancellationToken = default) =>
        (await plans.ActiveAsync(cancellationToken)).Select(p => new ComparisonPlan(p.Key, p.Name)).ToList();

    public Task<List<ComparisonRow>> ListAsync(CancellationToken cancellationToken = default) =>
        db.ComparisonRows.AsNoTracking().OrderBy(r => r.SortOrder).ThenBy(r => r.Id).ToListAsync(cancellationToken);

    public async Task<EditResult<long>> SaveAsync(long? id, ComparisonInput input, AdminAct act, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string>();
        ContentPageEdits.Text(input.Label, "label", "The label", MaxLabel, errors);
        var onSale = (await plans.ActiveAsync(cancellationToken)).Select(p => p.Key).ToHashSet();
        var cells = new Dictionary<string, string>();
        foreach (var (plan, value) in input.Cells)
        {
            if (!onSale.Contains(plan))
            {
                errors[$"cells[{plan}]"] = $"There is no plan on sale with the id \"{plan}\".";
            }
            else if (!string.IsNullOrWhiteSpace(value))
            {
                ContentPageEdits.Text(value, $"cells[{plan}]", $"The {plan} cell", MaxCell, errors);
                cells[plan] = value.Trim() is var text && (text.Equals(ComparisonCell.Yes, StringComparison.OrdinalIgnoreCase)
                    || text.Equals(ComparisonCell.No, StringComparison.OrdinalIgnoreCase)) ? text.ToLowerInvariant() : text;
            }
        }

        if (id is { } existing && !await db.ComparisonRows.AnyAsync(r => r.Id == existing, cancellationToken))
        {
            return NotFound();
        }

        return await edits.WriteAsync(act, errors, async ct =>
        {
            var row = id is null ? new ComparisonRow() : await db.ComparisonRows.SingleAsync(r => r.Id == id, ct);
            var before = id is null ? null : Snapshot(row);
            if (id is null)
            {
                row.SortOrder = (await db.ComparisonRows.MaxAsync(r => (int?)r.SortOrder, ct) ?? 0) + 1;
                db.ComparisonRows.Add(row);
            }

            row.Label = input.Label!.Trim();
            row.Cells = cells;
            row.UpdatedAt = edits.Now;
            await db.SaveChangesAsync(ct);
            return new ContentChange(AuditActions.ContentComparison, row.Id, before, Snapshot(row));
        }, cancellationToken);
    }

    public async Task<EditResult<long>> DeleteAsync(long id, AdminAct act, CancellationToken cancellationToken = default)
    {
        if (!await db.ComparisonRows.AnyAsync(r => r.Id == id, cancellationToken))
        {
            return NotFound();
        }

        return await edits.WriteAsync(act, [], async ct =>
        {
            var row = await db.ComparisonRows.SingleAsync(r => r.Id == id, ct);
            var before = Snapshot(row);
            db.ComparisonRows.Remove(row);
            await db.SaveChangesAsync(ct);
            return new ContentChange(AuditActions.ContentComparison, id, before, null);
        }, cancellationToken);
    }

    /// <summary>Swaps the row with its neighbour (<paramref name="step"/> -1 up, +1 down).</summary>
    public async Task<EditResult<long>> MoveAsync(long id, int step, AdminAct act, CancellationToken cancellationToken = default)
    {
        var ids = await db.ComparisonRows.AsNoTracking().OrderBy(r => r.SortOrder).ThenBy(r => r.Id).Select(r => r.Id).ToListAsync(cancellationToken);
        var index = ids.IndexOf(id);
        if (index < 0)
        {
            return NotFound();
        }

        var target = index + Math.Sign(step);
        if (target < 0 || target >= ids.Count)
        {
            return EditResult<long>.Ok(id, EditOutcome.Unchanged);
        }

        (ids[index], ids[target]) = (ids[target], ids[index]);
        return await edits.WriteAsync(act, [], async ct =>
        {
            foreach (var row in await db.ComparisonRows.ToListAsync(ct))
            {
                row.SortOrder = ids.IndexOf(row.Id) + 1;
            }

            await db.SaveChangesAsync(ct);
            return new ContentChange(AuditActions.ContentComparison, id, new { position = index + 1 }, new { position = target + 1 });
        }, cancellationToken);
    }

    private static EditResult<long> NotFound() => EditResult<long>.Refused(EditOutcome.NotFound, string.Empty, "That comparison row no longer exists.");

    private static object Snapshot(ComparisonRow row) => new { label = row.Label, cells = row.Cells, sort_order = row.SortOrder };
}
