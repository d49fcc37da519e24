using System.Net;
using Markdig;
using TokenSaas.Infrastructure;

namespace TokenSaas.Studio;

/// <summary>create_website and preview: a Markdown brief becomes a small static site (one page, its own styles).</summary>
public sealed class WebsiteBuilder : IStudioAction
{
    // Raw HTML in a brief is shown as text, never run; the result is sanitized again all the same.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().DisableHtml().Build();

    public IReadOnlySet<string> Features { get; } = new HashSet<string> { "create_website", "preview" };

    public Task<StudioOutput> RunAsync(string feature, string input, CancellationToken cancellationToken)
    {
        var title = input.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))?[2..].Trim();
        if (string.IsNullOrWhiteSpace(title))
        {
            throw new StudioActionException("A website needs a name: start the brief with a line like \"# Asha's Bakery\".");
        }

        var body = HtmlSanitizer.Sanitize(Markdown.ToHtml(input, Pipeline));
        var page = $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{WebUtility.HtmlEncode(title)}}</title>
            <style>body{font-family:system-ui,sans-serif;max-width:760px;margin:2rem auto;padding:0 1rem;line-height:1.6;color:#1f2937}
            h1{color:#4338ca}a{color:#4338ca}table{border-collapse:collapse}td,th{border:1px solid #e5e7eb;padding:.4rem}</style>
            </head><body>{{body}}<footer><small>Made with TokenSaas</small></footer></body></html>
            """;
        return Task.FromResult(new StudioOutput(title, page, StudioOutput.Site));
    }
}
