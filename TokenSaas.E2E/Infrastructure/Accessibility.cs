using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace TokenSaas.E2E.Infrastructure;

/// <summary>
/// The axe accessibility engine on the pages the journeys show: serious and critical violations fail
/// the journey. Each kind of page is scanned once per run and window width (ids in the path do not
/// make a new kind; an open dialog does), which keeps the scans to a few seconds in all.
/// </summary>
public static partial class Accessibility
{
    private static readonly ConcurrentDictionary<string, bool> Scanned = new();

    private static readonly AxeRunOptions Options = new()
    {
        // The studio's site preview is a sandboxed frame without scripts; the journeys scan that page on its own.
        Iframes = false,
        ResultTypes = [ResultType.Violations],
        // The WCAG 2.1 A and AA rules (what "accessible" is judged by); axe's best-practice rules are
        // moderate at most and took a third of the scanning time.
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    public static async Task AssertAccessibleAsync(this IPage page)
    {
        // A page that may not run scripts would hang the scan; fail instead, naming it.
        var state = await page.EvaluateAsync<string>(
                "() => document.querySelector('dialog[open], [data-dialog]') ? 'dialog' : document.querySelector('[role=alert]') ? 'alert' : ''")
            .WaitAsync(TimeSpan.FromSeconds(15));
        var key = $"{Kind(new Uri(page.Url))} @{page.ViewportSize?.Width} {state}".TrimEnd();
        if (!Scanned.TryAdd(key, true))
        {
            return;
        }

        var result = await page.RunAxe(Options);
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"Accessibility (axe) on {key}:\n" + string.Join("\n", serious.Select(v =>
            $"- {v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}")));
    }

    /// <summary>The path with ids in it replaced: /admin/users/3f2…/ → /admin/users/{id}.</summary>
    public static string Kind(Uri url) => IdSegment().Replace(url.AbsolutePath, "/{id}");

    [GeneratedRegex(@"/(\d+|[0-9a-f]{8}-[0-9a-f-]{27}|[0-9a-f]{16,}|pay_[A-Za-z0-9]+)(?=/|$)", RegexOptions.IgnoreCase)]
    private static partial Regex IdSegment();
}
