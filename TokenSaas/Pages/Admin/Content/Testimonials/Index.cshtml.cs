using Microsoft.AspNetCore.Mvc;
using TokenSaas.Content;

namespace TokenSaas.Pages.Admin.Content.Testimonials;

public sealed class TestimonialForm : ContentForm
{
    public string? Quote { get; set; }

    public string? Name { get; set; }

    public string? Role { get; set; }
}

public sealed class IndexModel(TestimonialEditor testimonials) : ContentListPage<TestimonialForm>
{
    public IReadOnlyList<Testimonial> Items { get; private set; } = [];

    protected override string Self => "/admin/content/testimonials";

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken) =>
        await DoneAsync(await testimonials.SaveAsync(Form.Id, new TestimonialInput(Form.Quote, Form.Name, Form.Role), Act(Form.Note), cancellationToken),
            Form.Id is null ? "Testimonial added; approve it to show it on /pricing." : "Testimonial saved.", cancellationToken);

    public async Task<IActionResult> OnPostApproveAsync(long id, bool approved, string? note, string? key, CancellationToken cancellationToken) =>
        await DoneAsync(await testimonials.ApproveAsync(id, approved, Act(note, key), cancellationToken),
            approved ? "Approved: it shows on /pricing." : "Unapproved: it no longer shows on /pricing.", cancellationToken);

    public async Task<IActionResult> OnPostMoveAsync(long id, int step, string? key, CancellationToken cancellationToken) =>
        await DoneAsync(await testimonials.MoveAsync(id, step, Act(step < 0 ? "Moved up" : "Moved down", key), cancellationToken), "Order saved.",
            cancellationToken);

    protected override async Task LoadAsync(CancellationToken cancellationToken) => Items = await testimonials.ListAsync(cancellationToken);

    protected override TestimonialForm? FormFor(long id) => Items.FirstOrDefault(t => t.Id == id) is { } item
        ? new TestimonialForm { Quote = item.Quote, Name = item.Name, Role = item.Role }
        : null;
}
