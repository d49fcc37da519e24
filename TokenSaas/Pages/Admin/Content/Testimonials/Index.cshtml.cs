using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TokenSaas.Admin;
using TokenSaas.Audit;
using TokenSaas.Content;
using TokenSaas.Ledger;

namespace TokenSaas.Pages.Admin.Content.Testimonials;

public sealed class TestimonialForm
{
    public long? Id { get; set; }

    public string? Quote { get; set; }

    public string? Name { get; set; }

    public string? Role { get; set; }

    public string? Note { get; set; }

    public string IdempotencyKey { get; set; } = NewKey();

    public static string NewKey() => $"content-{Guid.NewGuid():N}";
}

public sealed class IndexModel(TestimonialEditor testimonials) : PageModel
{
    [BindProperty]
    public TestimonialForm Form { get; set; } = new();

    public IReadOnlyList<Testimonial> Items { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public string? Error(string field) => Errors.GetValueOrDefault(field);

    public async Task<IActionResult> OnGetAsync(long? edit, CancellationToken cancellationToken)
    {
        Items = await testimonials.ListAsync(cancellationToken);
        if (edit is { } id && Items.FirstOrDefault(t => t.Id == id) is { } item)
        {
            Form = new TestimonialForm { Id = id, Quote = item.Quote, Name = item.Name, Role = item.Role };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken) =>
        await DoneAsync(await testimonials.SaveAsync(Form.Id, new TestimonialInput(Form.Quote, Form.Name, Form.Role), Act(Form.Note), cancellationToken),
            Form.Id is null ? "Testimonial added; approve it to show it on /pricing." : "Testimonial saved.", cancellationToken);

    public async Task<IActionResult> OnPostApproveAsync(long id, bool approved, string? note, string? key, CancellationToken cancellationToken) =>
        await DoneAsync(await testimonials.ApproveAsync(id, approved, Act(note, key), cancellationToken),
            approved ? "Approved: it shows on /pricing." : "Unapproved: it no longer shows on /pricing.", cancellationToken);

    public async Task<IActionResult> OnPostMoveAsync(long id, int step, string? key, CancellationToken cancellationToken) =>
        await DoneAsync(await testimonials.MoveAsync(id, step, Act(step < 0 ? "Moved up" : "Moved down", key), cancellationToken), "Order saved.",
            cancellationToken);

    private AdminAct Act(string? note, string? key = null) => new(AdminActor.From(HttpContext), note, key ?? Form.IdempotencyKey);

    private async Task<IActionResult> DoneAsync(EditResult<long> result, string message, CancellationToken cancellationToken)
    {
        if (result.Succeeded)
        {
            TempData["StatusMessage"] = message;
            return LocalRedirect("/admin/content/testimonials");
        }

        Errors = result.Errors;
        Form.IdempotencyKey = TestimonialForm.NewKey();
        Items = await testimonials.ListAsync(cancellationToken);
        Response.StatusCode = result.Outcome == EditOutcome.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
        return Page();
    }
}
