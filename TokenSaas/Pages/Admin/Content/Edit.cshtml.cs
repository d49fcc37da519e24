using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TokenSaas.Audit;
using TokenSaas.Content;
using TokenSaas.Infrastructure;
using TokenSaas.Ledger;

namespace TokenSaas.Pages.Admin.Content;

/// <summary>One pricing block's editor: Markdown with live preview and autosave, publish (now or at a time), versions, diff, restore.</summary>
public sealed class EditModel(ContentHistory history, ContentEditor editor, ContentPublisher publisher, TokenCalendar calendar) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Kind { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string? Plan { get; set; }

    [BindProperty]
    public string? Markdown { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public string? PublishAt { get; set; }

    [BindProperty]
    public string? IdempotencyKey { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Version { get; set; }

    public ContentTarget Target { get; private set; } = null!;

    public BlockView Block { get; private set; } = null!;

    public IReadOnlyList<VersionView> Versions { get; private set; } = [];

    public RenderedMarkdown Preview { get; private set; } = new(string.Empty, []);

    public VersionDiff? Diff { get; private set; }

    /// <summary>When the autosave kept the draft; null when this request saved nothing.</summary>
    public DateTime? SavedAt { get; private set; }

    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    /// <summary>"publish" or "restore" while that confirm step is shown.</summary>
    public string? Confirm { get; private set; }

    public TimeZoneInfo Zone => calendar.Zone;

    public string Self => Target.Key == ContentBlock.IntroKey ? "/admin/content/intro" : $"/admin/content/plan/{Target.PlanId}";

    public string Local(DateTime utc) => ContentTimes.Local(utc, Zone);

    private string PlanId => Kind == ContentBlock.IntroKey ? ContentBlock.IntroKey : Plan ?? string.Empty;

    public async Task<IActionResult> OnGetAsync(int? compare, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Markdown = Block.Working ?? string.Empty;
        Preview = MarkdownRenderer.Render(Markdown);
        Diff = compare is { } number ? await history.DiffAsync(Target.Key, number, cancellationToken) : null;
        return Page();
    }

    public async Task<IActionResult> OnGetDiffAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) && Version is { } number && await history.DiffAsync(Target.Key, number, cancellationToken) is { } diff
            ? Partial("_Diff", diff)
            : NotFound();

    /// <summary>The live preview; from htmx (typing) it also keeps the draft, so nothing typed is lost.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Preview = MarkdownRenderer.Render(Markdown);
        if (Request.IsHtmx())
        {
            await AutosaveAsync(cancellationToken);
            return Partial("_Preview", this);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostSaveDraftAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var saved = await editor.SaveDraftAsync(PlanId, Markdown, AdminActor.From(HttpContext), cancellationToken);
        if (!saved.Succeeded)
        {
            return await RedisplayAsync(saved.Errors, null, cancellationToken);
        }

        TempData["StatusMessage"] = $"Draft saved {Local(saved.Value!.UpdatedAt)}.";
        return this.Navigate(Self);
    }

    public async Task<IActionResult> OnPostConfirmPublishAsync(CancellationToken cancellationToken) =>
        await ConfirmAsync("publish", cancellationToken);

    public async Task<IActionResult> OnPostConfirmRestoreAsync(CancellationToken cancellationToken) =>
        await ConfirmAsync("restore", cancellationToken);

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var result = await publisher.PublishAsync(PlanId, new PublishOrder(Note, IdempotencyKey, PublishAt, Markdown), AdminActor.From(HttpContext),
            cancellationToken);
        if (!result.Succeeded)
        {
            return await RedisplayAsync(result.Errors, "publish", cancellationToken);
        }

        var made = result.Value!;
        TempData["StatusMessage"] = made.Scheduled
            ? $"Version {made.Version} is scheduled for {Local(made.PublishAt)} ({Zone.Id})."
            : $"Version {made.Version} is live on /pricing.";
        return this.Navigate(Self);
    }

    public async Task<IActionResult> OnPostRestoreAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var result = Version is { } number
            ? await editor.RestoreAsync(PlanId, number, AdminActor.From(HttpContext), IdempotencyKey, cancellationToken)
            : null;
        if (result is not { Succeeded: true })
        {
            return await RedisplayAsync(result?.Errors ?? new Dictionary<string, string> { ["version"] = "Choose a version to restore." },
                "restore", cancellationToken);
        }

        TempData["StatusMessage"] = $"Version {Version}'s text is now the draft. Publish it to make it live.";
        return this.Navigate(Self);
    }

    private async Task<IActionResult> ConfirmAsync(string step, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        (Confirm, IdempotencyKey) = (step, Guid.NewGuid().ToString("N"));
        RenderTyped();
        return Request.IsHtmx() ? Partial("_Confirm", this) : Page();
    }

    private async Task<IActionResult> RedisplayAsync(IReadOnlyDictionary<string, string> errors, string? step, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        (Errors, Confirm) = (errors, step);
        RenderTyped();
        return Request.IsHtmx() && step is not null ? Partial("_Confirm", this) : Page();
    }

    // What was typed (or, when nothing came with the request, the block's working text) and its preview.
    private void RenderTyped()
    {
        Markdown ??= Block.Working ?? string.Empty;
        Preview = MarkdownRenderer.Render(Markdown);
    }

    private async Task AutosaveAsync(CancellationToken cancellationToken)
    {
        if (ContentEditor.MarkdownError(Markdown) is { } error)
        {
            Errors = new Dictionary<string, string> { ["markdown"] = error };
            return;
        }

        if (Markdown == Block.Working)
        {
            return;
        }

        var saved = await editor.SaveDraftAsync(PlanId, Markdown, AdminActor.From(HttpContext), cancellationToken);
        SavedAt = saved.Value?.UpdatedAt;
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (Kind is not (ContentBlock.IntroKey or "plan") || await history.TargetAsync(PlanId, cancellationToken) is not { } target)
        {
            return false;
        }

        Target = target;
        Block = await history.BlockAsync(target, cancellationToken);
        Versions = await history.VersionsAsync(target.Key, cancellationToken);
        return true;
    }
}
