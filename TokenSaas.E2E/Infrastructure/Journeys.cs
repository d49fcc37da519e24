using Microsoft.Playwright;

namespace TokenSaas.E2E.Infrastructure;

/// <summary>Steps a person takes in the browser, shared by the journeys.</summary>
public static class Journeys
{
    public const string Password = "Secret-pass-1";

    /// <summary>What a new account holds: welcome bonus 10 + today's 5 free tokens + the basic plan's 1,000.</summary>
    public const string StartingBalance = "1,015";

    public static string NewEmail() => $"e2e-{Guid.NewGuid():N}@example.com";

    public static async Task RegisterAsync(this IPage page, string email, string password = Password)
    {
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign up free" }).ClickAsync();
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByLabel("Confirm password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
    }

    public static async Task LogInAsync(this IPage page, string email, string password = Password)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
    }

    public static async Task LogOutAsync(this IPage page)
    {
        await page.GetByLabel("Account menu").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
    }

    public static ILocator NavbarBalance(this IPage page) => page.Locator("#balance-badge [data-testid=balance]");

    /// <summary>Fails naming the elements that stick out past the right edge of the window (nothing may be cut off on a phone).</summary>
    public static async Task AssertFitsTheWindowAsync(this IPage page)
    {
        var offenders = await page.EvaluateAsync<string[]>("""
            () => {
              const width = document.documentElement.clientWidth;
              if (document.documentElement.scrollWidth <= width) return [];
              return [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > width + 1 && e.closest('.table-scroll, .admin-nav') === null)
                .slice(0, 8)
                .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} (${Math.round(e.getBoundingClientRect().right)}px): ${e.textContent.trim().slice(0, 40)}`);
            }
            """);
        Assert.True(offenders.Length == 0, "Wider than the window: " + string.Join(" | ", offenders));
    }

    /// <summary>
    /// Saves a full-page screenshot for a reviewer, scans the page with axe (once per kind of page and width),
    /// and fails on any Content-Security-Policy violation the browser reported (see <see cref="CspWatch"/>).
    /// </summary>
    /// <param name="scan">False only for a page that may not run scripts (the studio's sandboxed site preview), where axe cannot run.</param>
    public static async Task ScreenshotAsync(this IPage page, string name, bool scan = true)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(Site.ArtifactsDirectory, name + ".png"),
            FullPage = true,
        });
        CspWatch.AssertNoViolations(page);
        if (scan)
        {
            await page.AssertAccessibleAsync();
        }
    }
}
