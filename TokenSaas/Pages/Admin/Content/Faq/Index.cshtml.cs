using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TokenSaas.Admin;
using TokenSaas.Audit;
using TokenSaas.Content;
using TokenSaas.Infrastructure;
using TokenSaas.Ledger;

namespace TokenSaas.Pages.Admin.Content.Faq;

public sealed class FaqForm
{
    public long? Id { get; set; }

    public string? Category { get; set; }

    public string? Question { get; set; }

    public string? Answer { get; set; }

    public string? Note { get; set; }

    public string IdempotencyKey { get; set; } = NewKey();

    public static string NewKey() => $"content-{Guid.NewGuid():N}";
}

public sealed class IndexModel(FaqEditor faq) : PageModel
{
    [BindProperty]
    public FaqForm Form { get; set; } = new();

    public IReadOnlyList<FaqEntry> Entries { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public string? Error(string field) => Errors.GetValueOrDefault(field);

    public async Task<IActionResult> OnGetAsync(long? edit, CancellationToken cancellationToken)
    {
        Entries = await faq.ListAsync(cancellationToken);
        if (edit is { } id && Entries.FirstOrDefault(e => e.Id == id) is { } entry)
        {
            Form = new FaqForm { Id = id, Category = entry.Category, Question = entry.Question, Answer = entry.AnswerMarkdown };
        }

        return Page();
    }

    /// <summary>The answer as the pricing page will show it, while the admin types.</summary>
    public IActionResult OnPostPreview() => Partial("_AnswerPreview", MarkdownRenderer.Render(Form.Answer));

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken) =>
        await DoneAsync(await faq.SaveAsync(Form.Id, new FaqInput(Form.Category, Form.Question, Form.Answer), Act(Form.Note), cancellationToken),
            Form.Id is null ? "Question added." : "Question saved.", cancellationToken);

    public async Task<IActionResult> OnPostActiveAsync(long id, bool active, string? key, CancellationToken cancellationToken) =>
        await DoneAsync(await faq.SetActiveAsync(id, active, Act(active ? "Reactivated on the FAQ page" : "Deactivated on the FAQ page", key), cancellationToken),
            active ? "Question shown again." : "Question hidden from the pricing page.", cancellationToken);

    public async Task<IActionResult> OnPostMoveAsync(long id, int step, string? key, CancellationToken cancellationToken) =>
        await DoneAsync(await faq.MoveAsync(id, step, Act(step < 0 ? "Moved up on the FAQ page" : "Moved down on the FAQ page", key), cancellationToken),
            "Order saved.", cancellationToken);

    private AdminAct Act(string? note, string? key = null) => new(AdminActor.From(HttpContext), note, key ?? Form.IdempotencyKey);

    private async Task<IActionResult> DoneAsync(EditResult<long> result, string message, CancellationToken cancellationToken)
    {
        if (result.Succeeded)
        {
            TempData["StatusMessage"] = message;
            return LocalRedirect("/admin/content/faq");
        }

        Errors = result.Errors;
        Form.IdempotencyKey = FaqForm.NewKey();
        Entries = await faq.ListAsync(cancellationToken);
        Response.StatusCode = result.Outcome == EditOutcome.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
        return Page();
    }
}
