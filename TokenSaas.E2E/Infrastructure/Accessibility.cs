using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Microsoft.Playwright;

namespace TokenSaas.E2E.Infrastructure;

/// <summary>
/// The axe accessibility engine on the pages the journeys show: serious and critical WCAG 2.1 A/AA
/// violations fail the journey. Each kind of page is scanned once per run and window width (ids in
/// the path do not make a new kind; an open dialog does); colour contrast, which does not depend on
/// the width, only at the first width a kind is scanned at.
/// </summary>
public static partial class Accessibility
{
    private static readonly ConcurrentDictionary<string, bool> Scanned = new();
    private static readonly ConcurrentDictionary<string, bool> ContrastChecked = new();

    // Read once: the bundled axe-core is about 550 KB.
    private static readonly Lazy<string> AxeScript = new(() => $"() => {{ {new BundledAxeScriptProvider().GetScript()} }}");

    // axe.run in the page itself. Deque.AxeCore.Playwright's RunAxe also evaluates axe-core in a fresh
    // browser page for every scan to merge frame results, which doubled each scan's cost; the studio's
    // sandboxed preview frame is left out anyway. Only what the failure message needs comes back.
    private const string RunScript = """
        async contrast => {
          const result = await window.axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
            rules: contrast ? {} : { 'color-contrast': { enabled: false } },
            resultTypes: ['violations'],
            iframes: false,
          });
          return result.violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => `- ${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`);
        }
        """;

    public static async Task AssertAccessibleAsync(this IPage page)
    {
        // A page that may not run scripts would hang the scan; fail instead, naming it.
        var state = await page.EvaluateAsync<string>(
                "() => document.querySelector('dialog[open], [data-dialog]') ? 'dialog' : document.querySelector('[role=alert]') ? 'alert' : ''")
            .WaitAsync(TimeSpan.FromSeconds(15));
        var kind = $"{Kind(new Uri(page.Url))} {state}".TrimEnd();
        var key = $"{kind} @{page.ViewportSize?.Width}";
        if (!Scanned.TryAdd(key, true))
        {
            return;
        }

        var contrast = ContrastChecked.TryAdd(kind, true);
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe?.run === 'function'"))
        {
            await page.EvaluateAsync(AxeScript.Value);
        }

        var serious = await page.EvaluateAsync<string[]>(RunScript, contrast);
        Assert.True(serious.Length == 0, $"Accessibility (axe) on {key}:\n" + string.Join("\n", serious));
    }

    /// <summary>The path with ids in it replaced: /admin/users/3f2…/ → /admin/users/{id}.</summary>
    public static string Kind(Uri url) => IdSegment().Replace(url.AbsolutePath, "/{id}");

    [GeneratedRegex(@"/(\d+|[0-9a-f]{8}-[0-9a-f-]{27}|[0-9a-f]{16,}|pay_[A-Za-z0-9]+)(?=/|$)", RegexOptions.IgnoreCase)]
    private static partial Regex IdSegment();
}
