using Microsoft.AspNetCore.Mvc;
using TokenSaas.Content;

namespace TokenSaas.Pages.Admin.Content.Comparison;

public sealed class ComparisonForm : ContentForm
{
    public string? Label { get; set; }

    public Dictionary<string, string?> Cells { get; set; } = [];
}

public sealed class IndexModel(ComparisonEditor comparison) : ContentListPage<ComparisonForm>
{
    public IReadOnlyList<ComparisonPlan> Plans { get; private set; } = [];

    public IReadOnlyList<ComparisonRow> Rows { get; private set; } = [];

    protected override string Self => "/admin/content/comparison";

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken) =>
        await DoneAsync(await comparison.SaveAsync(Form.Id, new ComparisonInput(Form.Label, Form.Cells), Act(Form.Note), cancellationToken),
            Form.Id is null ? "Row added." : "Row saved.", cancellationToken);

    public async Task<IActionResult> OnPostDeleteAsync(long id, string? note, string? key, CancellationToken cancellationToken) =>
        await DoneAsync(await comparison.DeleteAsync(id, Act(note, key), cancellationToken), "Row deleted.", cancellationToken);

    public async Task<IActionResult> OnPostMoveAsync(long id, int step, string? key, CancellationToken cancellationToken) =>
        await DoneAsync(await comparison.MoveAsync(id, step, Act(step < 0 ? "Moved up" : "Moved down", key), cancellationToken), "Order saved.",
            cancellationToken);

    protected override async Task LoadAsync(CancellationToken cancellationToken)
    {
        Plans = await comparison.ColumnsAsync(cancellationToken);
        Rows = await comparison.ListAsync(cancellationToken);
    }

    protected override ComparisonForm? FormFor(long id) => Rows.FirstOrDefault(r => r.Id == id) is { } row
        ? new ComparisonForm { Label = row.Label, Cells = row.Cells.ToDictionary(c => c.Key, c => (string?)c.Value) }
        : null;
}
