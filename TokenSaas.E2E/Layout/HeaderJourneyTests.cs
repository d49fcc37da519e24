using Microsoft.Playwright;
using TokenSaas.E2E.Infrastructure;
using TokenSaas.Identity;
using static Microsoft.Playwright.Assertions;

namespace TokenSaas.E2E.Layout;

/// <summary>Issue 14: a compact header on a phone (one bar, a menu) and one row on a 1366 px screen, as a user and as the admin.</summary>
[Collection(SiteCollection.Name)]
public sealed class HeaderJourneyTests(Site site)
{
    [Fact]
    public async Task On_a_phone_the_header_is_one_short_bar_whose_menu_opens_the_pages_and_closes_with_escape_and_on_a_desktop_it_is_one_row()
    {
        var email = Journeys.NewEmail();
        var page = await site.NewPageAsync(390, 844);
        await page.RegisterAsync(email);
        await Expect(page.NavbarBalance()).ToHaveTextAsync(Journeys.StartingBalance);
        await Expect(page.GetByTestId("greeting")).ToHaveTextAsync("Welcome");

        Assert.True(await HeaderHeightAsync(page) <= 64, $"The phone header is {await HeaderHeightAsync(page)} px tall.");
        var history = page.GetByRole(AriaRole.Link, new() { Name = "History", Exact = true });
        await Expect(history).ToBeHiddenAsync();
        await Expect(page.GetByLabel("Notifications")).ToBeVisibleAsync();
        await page.AssertFitsTheWindowAsync();
        await page.ScreenshotAsync("header-phone");

        var menu = page.GetByLabel("Account menu");
        await menu.ClickAsync();
        await Expect(history).ToBeVisibleAsync();
        await Expect(page.GetByTestId("menu-email")).ToContainTextAsync(email);
        await page.AssertFitsTheWindowAsync();
        await page.ScreenshotAsync("header-phone-menu");
        await page.Keyboard.PressAsync("Escape");
        await Expect(history).ToBeHiddenAsync();
        await Expect(menu).ToBeFocusedAsync();

        await menu.ClickAsync();
        await history.ClickAsync();
        await Expect(page).ToHaveURLAsync(site.BaseUrl + "/history");
        await Expect(history).ToBeHiddenAsync();

        await page.SetViewportSizeAsync(1366, 900);
        await page.GotoAsync("/dashboard");
        await Expect(history).ToBeVisibleAsync();
        await AssertOneRowAsync(page);
        await page.GetByLabel("Account menu").ClickAsync();
        await Expect(page.GetByTestId("menu-email")).ToContainTextAsync(email);
        await page.ScreenshotAsync("header-desktop");
    }

    [Fact]
    public async Task The_admin_header_is_one_row_at_1366_px_and_one_short_bar_on_a_phone_and_admin_lists_fit_a_phone()
    {
        var page = await site.NewPageAsync(1366, 900);
        await page.LogInAsync(DemoAccounts.AdminEmail, DemoAccounts.Password);
        await page.GotoAsync("/dashboard");

        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true })).ToBeVisibleAsync();
        await AssertOneRowAsync(page);
        await page.GetByLabel("Account menu").ClickAsync();
        await Expect(page.GetByTestId("menu-email")).ToContainTextAsync(DemoAccounts.AdminEmail);
        await page.ScreenshotAsync("header-desktop-admin");
        await page.Keyboard.PressAsync("Escape");

        await page.SetViewportSizeAsync(390, 844);
        foreach (var (path, name) in new[]
        {
            ("/admin/users", "users"), ("/admin/payments", "payments"), ("/admin/audit", "audit"), ("/admin/promotions", "promotions"),
            ("/admin/plans", "plans"), ("/admin/features", "features"), ("/admin/packs", "packs"), ("/admin/jobs", "jobs"),
        })
        {
            await page.GotoAsync(path);
            Assert.True(await HeaderHeightAsync(page) <= 64, $"The phone header on {path} is {await HeaderHeightAsync(page)} px tall.");
            await page.AssertFitsTheWindowAsync();
            var wrapped = await page.EvaluateAsync<int>("() => [...document.querySelectorAll('td time')].filter(t => t.getClientRects().length > 1).length");
            Assert.True(wrapped == 0, $"{wrapped} date(s) wrap over lines on {path}.");
            await page.ScreenshotAsync($"admin-{name}-phone");
        }
    }

    private static Task<double> HeaderHeightAsync(IPage page) =>
        page.EvaluateAsync<double>("() => document.querySelector('.site-header').getBoundingClientRect().height");

    /// <summary>The header is as tall as one row and everything in it shares that row: nothing wraps or is pushed out.</summary>
    private static async Task AssertOneRowAsync(IPage page)
    {
        var height = await HeaderHeightAsync(page);
        Assert.True(height <= 64, $"The header is {height} px tall at 1366 px.");
        var outside = await page.EvaluateAsync<string[]>("""
            () => {
              const nav = document.querySelector('.site-header .nav').getBoundingClientRect();
              const items = [...document.querySelectorAll('.site-header .brand, .site-header .nav-links a, .site-header .nav-account > *')]
                .filter(e => e.offsetParent !== null)
                .map(e => ({ e, r: e.getBoundingClientRect() }))
                .sort((a, b) => a.r.left - b.r.left);
              const name = x => x.e.textContent.trim().slice(0, 30) || x.e.getAttribute('aria-label') || x.e.tagName;
              return items.flatMap((x, i) => [
                ...(x.r.top < nav.top || x.r.bottom > nav.bottom || x.r.right > nav.right + 1 ? [`${name(x)} is outside the row`] : []),
                ...(i > 0 && items[i - 1].r.right > x.r.left + 1 ? [`${name(items[i - 1])} overlaps ${name(x)}`] : []),
              ]);
            }
            """);
        Assert.True(outside.Length == 0, "Not in the header's one row: " + string.Join(" | ", outside));
    }
}
