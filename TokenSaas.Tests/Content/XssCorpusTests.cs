using AngleSharp.Html.Parser;
using TokenSaas.Content;
using TokenSaas.Infrastructure;

namespace TokenSaas.Tests.Content;

public sealed class XssCorpusTests
{
    public static TheoryData<string> Markdown =>
    [
        "<script>alert(1)</script>",
        "Hello <script src=https://evil.example/x.js></script> world",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<a href=\"javascript:alert(1)\">click</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">click</a>",
        "[click](javascript:alert(1))",
        "[click](JAVASCRIPT:alert(1))",
        "[click](java&#115;cript:alert(1))",
        "[click](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
        "[click](&#x6A;avascript:alert(1))",
        "[click](<java\tscript:alert(1)>)",
        "[click](vbscript:msgbox(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![x](javascript:alert(1))",
        "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "![x](http://insecure.example/pic.png)",
        "![x](//evil.example/pic.png)",
        "<img src=\"data:image/png;base64,AAAA\">",
        "<style>body{background:url(javascript:alert(1))}</style>",
        "<p style=\"background:url(javascript:alert(1))\">styled</p>",
        "<div style=\"position:fixed;inset:0\">overlay</div>",
        "<a href=\"https://ok.example\" onclick=\"alert(1)\">ok</a>",
        "<b onmouseover=alert(1)>hover</b>",
        "<body onload=alert(1)>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<embed src=\"javascript:alert(1)\">",
        "<form action=\"javascript:alert(1)\"><button>go</button></form>",
        "<input autofocus onfocus=alert(1)>",
        "<details open ontoggle=alert(1)>x</details>",
        "<video><source onerror=alert(1)></video>",
        "<a href=\"javascript&colon;alert(1)\">colon entity</a>",
        "<a href=\" javascript:alert(1)\">leading space</a>",
        "<img src=x onerror=alert(1)//",
        "<<script>alert(1)//<</script>",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "<div><a href=\"javascript:alert(1)\">unclosed",
        "<!--<script>alert(1)</script>-->",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<base href=\"javascript:alert(1)//\">",
        "<link rel=stylesheet href=\"javascript:alert(1)\">",
        "<a href=\"vbscript:msgbox(1)\">vb</a>",
        "[x](  javascript:alert(1)  )",
        "[ok](https://example.com) and ![ok](https://example.com/a.png) and ![rel](/img/a.png)",
    ];

    [Theory]
    [MemberData(nameof(Markdown))]
    public void Rendered_markdown_is_inert(string markdown) => AssertInert(MarkdownRenderer.Render(markdown).Html);

    [Theory]
    [MemberData(nameof(Markdown))]
    public void Sanitized_raw_html_is_inert(string html) => AssertInert(HtmlSanitizer.Sanitize(html));

    [Fact]
    public void Safe_links_and_images_survive()
    {
        var html = MarkdownRenderer.Render("[ok](https://example.com) [mail](mailto:a@b.example) [here](/pricing) ![pic](https://cdn.example/a.png) ![local](/img/a.png)").Html;
        var document = new HtmlParser().ParseDocument(html);

        Assert.Equal(["https://example.com", "mailto:a@b.example", "/pricing"], document.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Equal(["https://cdn.example/a.png", "/img/a.png"], document.QuerySelectorAll("img").Select(i => i.GetAttribute("src")));
    }

    [Fact]
    public void Renderer_names_what_it_removed()
    {
        var removed = HtmlSanitizer.Sanitize("<script>x</script><a href=\"javascript:alert(1)\" onclick=\"x()\">a</a><img src=\"data:image/png;base64,AA\">", out var found);

        Assert.DoesNotContain("script", removed);
        Assert.Contains("<script> element", found);
        Assert.Contains("onclick attribute", found);
        Assert.Contains("javascript: link", found);
        Assert.Contains("data: image", found);
        Assert.Contains("javascript: link", MarkdownRenderer.Render("[x](javascript:alert(1))").Removed);
    }

    [Fact]
    public void Plain_markdown_reports_nothing_removed()
    {
        var rendered = MarkdownRenderer.Render("# Title\n\nSome **bold** text, a [link](https://example.com).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- one\n- two");

        Assert.Empty(rendered.Removed);
        Assert.Contains("<table>", rendered.Html);
    }

    private static void AssertInert(string html)
    {
        var document = new HtmlParser().ParseDocument($"<body>{html}</body>");
        Assert.Empty(document.Body!.QuerySelectorAll("script, iframe, svg, math, style, object, embed, form, input, base, meta, link"));
        foreach (var element in document.Body.QuerySelectorAll("*"))
        {
            Assert.DoesNotContain(element.Attributes, a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
            Assert.Null(element.GetAttribute("style"));
            if (element.GetAttribute("href") is { } href)
            {
                Assert.True(SafeUrl(href, image: false), $"unsafe href {href} in {html}");
            }

            if (element.GetAttribute("src") is { } src)
            {
                Assert.True(element.LocalName == "img" && SafeUrl(src, image: true), $"unsafe src {src} in {html}");
            }
        }
    }

    // What a browser would resolve: an absolute URL's scheme, else a relative path on the app.
    private static bool SafeUrl(string url, bool image)
    {
        var trimmed = url.Trim();
        if (trimmed.StartsWith("//", StringComparison.Ordinal))
        {
            return !image;
        }

        return Uri.TryCreate(new Uri("https://app.example/"), trimmed, out var resolved)
            && (image ? resolved.Scheme == "https" : resolved.Scheme is "http" or "https" or "mailto")
            && (resolved.Host == "app.example" || trimmed.Contains("://", StringComparison.Ordinal) || trimmed.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase));
    }
}
