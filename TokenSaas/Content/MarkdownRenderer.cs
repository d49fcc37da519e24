using Markdig;
using TokenSaas.Infrastructure;

namespace TokenSaas.Content;

/// <summary>Markdown as the pricing page shows it, and what the sanitizer took out of it (so the editor can say so).</summary>
public sealed record RenderedMarkdown(string Html, IReadOnlyList<string> Removed);

/// <summary>
/// The one pipeline for admin-written Markdown: the live preview and the public page render through
/// it, so what the admin previews is what visitors get. Raw HTML is off in Markdig, and its output
/// goes through the allow-list sanitizer anyway. Only extensions whose output the sanitizer keeps are on
/// (no generic attributes, heading ids or classes), so <see cref="RenderedMarkdown.Removed"/> names only what the author wrote.
/// </summary>
public static class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables().UseGridTables().UseEmphasisExtras().UseListExtras().UseAutoLinks().DisableHtml().Build();

    public static RenderedMarkdown Render(string? markdown)
    {
        var html = Markdown.ToHtml(markdown ?? string.Empty, Pipeline);
        var sanitized = HtmlSanitizer.Sanitize(html, out var removed);
        return new RenderedMarkdown(sanitized, removed);
    }
}
