using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace TokenSaas.Infrastructure;

/// <summary>
/// An allow-list sanitizer (the HtmlSanitizer package is not served here): only the listed tags
/// and attributes survive, links only to http(s), mailto or the app, images only over https or
/// from the app, and everything else is dropped with its content kept as text where that is safe.
/// </summary>
public static class HtmlSanitizer
{
    private static readonly HashSet<string> Tags =
    [
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "u", "s", "del", "code", "pre", "blockquote",
        "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td", "span", "div", "img",
    ];

    // Their text is code or markup, never prose: keeping it as text would show a visitor the attack.
    private static readonly HashSet<string> DroppedWithContent =
    [
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "template", "noscript", "svg", "math",
        "link", "meta", "base", "textarea", "select", "button", "input", "title", "xmp", "noembed", "noframes", "plaintext",
    ];

    private static readonly Dictionary<string, HashSet<string>> Attributes = new()
    {
        ["a"] = ["href", "title"],
        ["img"] = ["src", "alt", "title"],
        ["th"] = ["align"],
        ["td"] = ["align"],
    };

    public static string Sanitize(string html) => Sanitize(html, out _);

    /// <summary>Sanitizes <paramref name="html"/> and says what it took out, once per kind ("&lt;script&gt; element", "onclick attribute", "javascript: link").</summary>
    public static string Sanitize(string html, out IReadOnlyList<string> removed)
    {
        var document = new HtmlParser().ParseDocument("<body></body>");
        var body = document.Body!;
        body.InnerHtml = html;
        var found = new List<string>();
        Clean(body, found);
        removed = found.Distinct().ToList();
        return body.InnerHtml;
    }

    private static void Clean(IElement parent, List<string> removed)
    {
        foreach (var child in parent.ChildNodes.ToList())
        {
            switch (child)
            {
                case IComment:
                    child.RemoveFromParent();
                    break;
                case IElement element when DroppedWithContent.Contains(element.LocalName) || element.NamespaceUri != parent.NamespaceUri:
                    removed.Add($"<{element.LocalName}> element");
                    element.Remove();
                    break;
                case IElement element when !Tags.Contains(element.LocalName):
                    removed.Add($"<{element.LocalName}> element");
                    Clean(element, removed);
                    element.Replace([.. element.ChildNodes]);
                    break;
                case IElement element:
                    CleanAttributes(element, removed);
                    Clean(element, removed);
                    break;
            }
        }
    }

    private static void CleanAttributes(IElement element, List<string> removed)
    {
        var allowed = Attributes.GetValueOrDefault(element.LocalName) ?? [];
        foreach (var attribute in element.Attributes.ToList())
        {
            if (!allowed.Contains(attribute.Name))
            {
                removed.Add($"{attribute.Name} attribute");
                element.RemoveAttribute(attribute.Name);
            }
            else if (attribute.Name is "href" or "src" && UnsafeScheme(attribute.Value, image: attribute.Name == "src") is { } scheme)
            {
                removed.Add(attribute.Name == "src" ? $"{scheme} image" : $"{scheme} link");
                element.RemoveAttribute(attribute.Name);
            }
        }

        if (element.LocalName == "img" && !element.HasAttribute("src"))
        {
            element.Remove();
        }
        else if (element.LocalName == "a")
        {
            element.SetAttribute("rel", "nofollow noopener");
        }
    }

    /// <summary>The scheme that makes <paramref name="value"/> unsafe ("javascript:"), or null when it is allowed.</summary>
    private static string? UnsafeScheme(string value, bool image)
    {
        // Browsers ignore control characters and whitespace inside a scheme and decode entities, so compare what they would see.
        var decoded = WebUtility.HtmlDecode(WebUtility.HtmlDecode(value));
        var normalized = new string(decoded.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());
        if (normalized.StartsWith("//", StringComparison.Ordinal) || normalized.StartsWith(@"\\", StringComparison.Ordinal)
            || normalized.StartsWith(@"/\", StringComparison.Ordinal))
        {
            return image ? "protocol-relative" : null;
        }

        var colon = normalized.IndexOf(':');
        var beforePath = normalized.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (beforePath >= 0 && beforePath < colon))
        {
            return null;
        }

        var scheme = normalized[..colon].ToLowerInvariant();
        var ok = image ? scheme == "https" : scheme is "http" or "https" or "mailto";
        return ok && Uri.TryCreate(decoded.Trim(), UriKind.Absolute, out _) ? null : $"{scheme}:";
    }
}
