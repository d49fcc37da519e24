using Microsoft.AspNetCore.Mvc;
using TokenSaas.Content;

namespace TokenSaas.Pages.Admin.Content.Faq;

public sealed class FaqForm : ContentForm
{
    public string? Category { get; set; }

    public string? Question { get; set; }

    public string? Answer { get; set; }
}

public sealed class IndexModel(FaqEditor faq) : ContentListPage<FaqForm>
{
    public IReadOnlyList<FaqEntry> Entries { get; private set; } = [];

    protected override string Self => "/admin/content/faq";

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

    protected override async Task LoadAsync(CancellationToken cancellationToken) => Entries = await faq.ListAsync(cancellationToken);

    protected override FaqForm? FormFor(long id) => Entries.FirstOrDefault(e => e.Id == id) is { } entry
        ? new FaqForm { Category = entry.Category, Question = entry.Question, Answer = entry.AnswerMarkdown }
        : null;
}
