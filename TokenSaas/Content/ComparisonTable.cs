using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;
using TokenSaas.Payments;
using TokenSaas.Plans;

namespace TokenSaas.Content;

/// <summary>One cell: ✓ (included), ✗ (not included) or a short text.</summary>
public sealed record ComparisonCell(string Value)
{
    public const string Yes = "yes";
    public const string No = "no";

    public bool IsYes => string.Equals(Value, Yes, StringComparison.OrdinalIgnoreCase);

    public bool IsNo => string.IsNullOrWhiteSpace(Value) || string.Equals(Value, No, StringComparison.OrdinalIgnoreCase);
}

public sealed record ComparisonPlan(string Id, string Name);

public sealed record ComparisonLine(string Label, IReadOnlyList<ComparisonCell> Cells, bool Generated);

/// <summary>The comparison table: a column per plan on sale, rows from plan data first, then the hand-written rows.</summary>
public sealed record ComparisonTable(IReadOnlyList<ComparisonPlan> Plans, IReadOnlyList<ComparisonLine> Rows);

public sealed class ComparisonTableBuilder(AppDbContext db, PlanCatalog catalog)
{
    public async Task<ComparisonTable> BuildAsync(CancellationToken cancellationToken = default) =>
        await BuildAsync(await catalog.ActiveAsync(cancellationToken), cancellationToken);

    public async Task<ComparisonTable> BuildAsync(IReadOnlyList<Plan> plans, CancellationToken cancellationToken = default)
    {
        var manual = await db.ComparisonRows.AsNoTracking().OrderBy(r => r.SortOrder).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        var rows = new List<ComparisonLine>
        {
            Generated("Tokens a month", plans, p => p.MonthlyTokens.ToString("N0")),
            Generated("Period", plans, p => $"{p.DurationDays ?? 30} days"),
            Generated("Price", plans, Price),
        };
        rows.AddRange(manual.Select(r => new ComparisonLine(r.Label,
            plans.Select(p => new ComparisonCell(r.Cells.GetValueOrDefault(p.Key) ?? ComparisonCell.No)).ToList(), false)));
        return new ComparisonTable(plans.Select(p => new ComparisonPlan(p.Key, p.Name)).ToList(), rows);
    }

    private static string Price(Plan plan) =>
        plan.Prices.Where(p => p.Amount > 0).Select(p => Money.Format(p.Amount, p.Currency)).FirstOrDefault() ?? "Free";

    private static ComparisonLine Generated(string label, IReadOnlyList<Plan> plans, Func<Plan, string> cell) =>
        new(label, plans.Select(p => new ComparisonCell(cell(p))).ToList(), true);
}
