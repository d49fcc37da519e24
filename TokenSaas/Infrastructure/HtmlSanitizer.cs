using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace TokenSaas.Infrastructure;

/// <summary>
/// An allow-list sanitizer (the HtmlSanitizer package is not served here): only the listed tags
/// and attributes survive, links only to http(s) and mailto, and everything else is dropped
/// with its content kept as text where that is safe.
/// </summary>
public static class HtmlSanitizer
{
    private static readonly HashSet<string> Tags =
    [
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "u", "s", "code", "pre", "blockquote",
        "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td", "span", "div", "img",
    ];

    private static readonly HashSet<string> DroppedWithContent = ["script", "style", "iframe", "object", "embed", "form", "template", "noscript"];

    private static readonly Dictionary<string, HashSet<string>> Attributes = new()
    {
        ["a"] = ["href", "title"],
        ["img"] = ["src", "alt", "title"],
        ["th"] = ["align"],
        ["td"] = ["align"],
    };

    public static string Sanitize(string html)
    {
        var document = new HtmlParser().ParseDocument("<body></body>");
        var body = document.Body!;
        body.InnerHtml = html;
        Clean(body);
        return body.InnerHtml;
    }

    private static void Clean(IElement parent)
    {
        foreach (var child in parent.ChildNodes.ToList())
        {
            switch (child)
            {
                case IComment:
                    child.RemoveFromParent();
                    break;
                case IElement element when DroppedWithContent.Contains(element.LocalName):
                    element.Remove();
                    break;
                case IElement element when !Tags.Contains(element.LocalName):
                    Clean(element);
                    element.Replace([.. element.ChildNodes]);
                    break;
                case IElement element:
                    var allowed = Attributes.GetValueOrDefault(element.LocalName) ?? [];
                    foreach (var attribute in element.Attributes.ToList())
                    {
                        if (!allowed.Contains(attribute.Name) || (attribute.Name is "href" or "src" && !SafeUrl(attribute.Value)))
                        {
                            element.RemoveAttribute(attribute.Name);
                        }
                    }

                    if (element.LocalName == "a")
                    {
                        element.SetAttribute("rel", "nofollow noopener");
                    }

                    Clean(element);
                    break;
            }
        }
    }

    private static bool SafeUrl(string value) =>
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) ? uri.Scheme is "http" or "https" or "mailto"
        : !value.Contains(':');
}
