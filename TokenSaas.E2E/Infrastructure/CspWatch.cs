using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace TokenSaas.E2E.Infrastructure;

/// <summary>
/// Fails journeys whose pages break the Content-Security-Policy (an inline script or style, a
/// script from another host): Chromium reports each violation on the console. Every page made by
/// <see cref="Site.NewPageAsync"/> is watched; the check runs at each screenshot and when the site stops.
/// </summary>
public static class CspWatch
{
    private static readonly ConditionalWeakTable<IBrowserContext, ConcurrentQueue<string>> Seen = new();

    public static void Watch(IBrowserContext context)
    {
        var seen = Seen.GetOrCreateValue(context);
        context.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                var line = $"{message.Page?.Url}: {message.Text}";
                seen.Enqueue(line);
            }
        };
    }

    /// <summary>Fails naming the violations the page's browser profile has seen so far.</summary>
    public static void AssertNoViolations(IPage page)
    {
        if (Seen.TryGetValue(page.Context, out var seen) && !seen.IsEmpty)
        {
            var lines = seen.ToArray();
            seen.Clear();
            Assert.Fail("Content-Security-Policy violations: " + string.Join(" | ", lines));
        }
    }

    /// <summary>Violations in these browser profiles no screenshot has reported (a journey that took none, or after its last one).</summary>
    public static void AssertNoneLeft(IEnumerable<IBrowserContext> contexts)
    {
        var lines = contexts.SelectMany(context => Seen.TryGetValue(context, out var seen) ? seen.ToArray() : []).ToArray();
        Assert.True(lines.Length == 0, "Content-Security-Policy violations: " + string.Join(" | ", lines));
    }
}
