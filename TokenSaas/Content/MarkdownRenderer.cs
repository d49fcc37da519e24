using Markdig;
using TokenSaas.Infrastructure;

namespace TokenSaas.Content;

/// <summary>Markdown as the pricing page shows it, and what the sanitizer took out of it (so the editor can say so).</summary>
public sealed record RenderedMarkdown(string Html, IReadOnlyList<string> Removed);

/// <summary>
/// The one pipeline for admin-written Markdown: the live preview and the public page render through
/// it, so what the admin previews is what visitors get. Raw HTML is off in Markdig, and its output
/// goes through the allow-list sanitizer anyway.
/// </summary>
public static class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().DisableHtml().Build();

    public static RenderedMarkdown Render(string? markdown)
    {
        var html = Markdown.ToHtml(markdown ?? string.Empty, Pipeline);
        return new RenderedMarkdown(HtmlSanitizer.Sanitize(html), []);
    }
}
