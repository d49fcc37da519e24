using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TokenSaas.Admin;
using TokenSaas.Audit;
using TokenSaas.Content;
using TokenSaas.Ledger;

namespace TokenSaas.Pages.Admin.Content.Comparison;

public sealed class ComparisonForm
{
    public long? Id { get; set; }

    public string? Label { get; set; }

    public Dictionary<string, string?> Cells { get; set; } = [];

    public string? Note { get; set; }

    public string IdempotencyKey { get; set; } = NewKey();

    public static string NewKey() => $"content-{Guid.NewGuid():N}";
}

public sealed class IndexModel(ComparisonEditor comparison) : PageModel
{
    [BindProperty]
    public ComparisonForm Form { get; set; } = new();

    public IReadOnlyList<ComparisonPlan> Plans { get; private set; } = [];

    public IReadOnlyList<ComparisonRow> Rows { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public string? Error(string field) => Errors.GetValueOrDefault(field);

    public async Task<IActionResult> OnGetAsync(long? edit, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (edit is { } id && Rows.FirstOrDefault(r => r.Id == id) is { } row)
        {
            Form = new ComparisonForm { Id = id, Label = row.Label, Cells = row.Cells.ToDictionary(c => c.Key, c => (string?)c.Value) };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken) =>
        await DoneAsync(await comparison.SaveAsync(Form.Id, new ComparisonInput(Form.Label, Form.Cells), Act(Form.Note), cancellationToken),
            Form.Id is null ? "Row added." : "Row saved.", cancellationToken);

    public async Task<IActionResult> OnPostDeleteAsync(long id, string? note, string? key, CancellationToken cancellationToken) =>
        await DoneAsync(await comparison.DeleteAsync(id, Act(note, key), cancellationToken), "Row deleted.", cancellationToken);

    public async Task<IActionResult> OnPostMoveAsync(long id, int step, string? key, CancellationToken cancellationToken) =>
        await DoneAsync(await comparison.MoveAsync(id, step, Act(step < 0 ? "Moved up" : "Moved down", key), cancellationToken), "Order saved.",
            cancellationToken);

    private AdminAct Act(string? note, string? key = null) => new(AdminActor.From(HttpContext), note, key ?? Form.IdempotencyKey);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Plans = await comparison.ColumnsAsync(cancellationToken);
        Rows = await comparison.ListAsync(cancellationToken);
    }

    private async Task<IActionResult> DoneAsync(EditResult<long> result, string message, CancellationToken cancellationToken)
    {
        if (result.Succeeded)
        {
            TempData["StatusMessage"] = message;
            return LocalRedirect("/admin/content/comparison");
        }

        Errors = result.Errors;
        Form.IdempotencyKey = ComparisonForm.NewKey();
        await LoadAsync(cancellationToken);
        Response.StatusCode = result.Outcome == EditOutcome.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
        return Page();
    }
}
