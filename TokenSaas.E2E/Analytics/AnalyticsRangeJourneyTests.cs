using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TokenSaas.Data;
using TokenSaas.E2E.Infrastructure;
using TokenSaas.Identity;
using TokenSaas.Ledger;
using static Microsoft.Playwright.Assertions;

namespace TokenSaas.E2E.Analytics;

/// <summary>
/// An admin reads /admin/analytics: a spend made ten days ago counts in the last 30 days and not in
/// the last 7; switching range swaps the figures in place and the address follows; the overview's
/// live numbers show the latest spend. Desktop and phone.
/// </summary>
public sealed class AnalyticsRangeJourneyTests(ClockedSite site) : IClassFixture<ClockedSite>
{
    [Fact]
    public async Task Switching_from_30_to_7_days_drops_a_spend_made_ten_days_ago()
    {
        var (feature, cost) = await CheapestFeatureAsync();
        var email = Journeys.NewEmail();
        var userId = await RegisterWithTokensAsync(email);
        await SpendAsync(userId, feature, 40);
        site.Clock.Advance(TimeSpan.FromDays(10));
        await SpendAsync(userId, feature, 3);

        var admin = await site.NewPageAsync(1366, 900);
        await admin.LogInAsync(DemoAccounts.AdminEmail, DemoAccounts.Password);
        await admin.GotoAsync("/admin/analytics");
        await Expect(admin.GetByTestId("range-30")).ToHaveAttributeAsync("aria-current", "true");
        var month = Number(await admin.GetByTestId("tokens-spent").TextContentAsync());
        await Expect(admin.Locator("[data-testid=top-spenders]")).ToContainTextAsync(email);
        await admin.ScreenshotAsync("analytics-30-days");

        await admin.GetByTestId("range-7").ClickAsync();
        await Expect(admin.GetByTestId("range-7")).ToHaveAttributeAsync("aria-current", "true");
        await Expect(admin).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("from=.*&to="));
        var week = Number(await admin.GetByTestId("tokens-spent").TextContentAsync());
        var tokensTable = admin.GetByTestId("tokens-table");
        await admin.Locator("summary", new() { HasText = "Tokens per day as a table" }).ClickAsync();
        await Expect(tokensTable.Locator("tbody tr")).ToHaveCountAsync(7);
        await Expect(admin.Locator("[data-testid=top-spenders] tbody tr").First).ToContainTextAsync(email);
        await admin.ScreenshotAsync("analytics-7-days");

        Assert.Equal(3 * cost, week);
        Assert.True(month >= 43 * cost, $"30 days show {month} tokens spent; the 40 + 3 uses alone cost {43 * cost}");

        await admin.GetByLabel("From", new() { Exact = true }).FillAsync("2030-01-10");
        await admin.GetByLabel("To", new() { Exact = true }).FillAsync("2030-01-01");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(admin.GetByTestId("range-error")).ToHaveTextAsync("to must be on or after from");

        var phone = await site.NewPageAsync(390, 844);
        await phone.LogInAsync(DemoAccounts.AdminEmail, DemoAccounts.Password);
        await phone.GotoAsync("/admin/analytics");
        await phone.GetByTestId("range-7").ClickAsync();
        await Expect(phone.GetByTestId("range-7")).ToHaveAttributeAsync("aria-current", "true");
        await Expect(phone.Locator("[data-testid=top-spenders]")).ToBeVisibleAsync();
        await phone.AssertFitsTheWindowAsync();
        await phone.ScreenshotAsync("analytics-phone");

        await phone.GotoAsync("/admin");
        await Expect(phone.GetByTestId("spent-last-hour")).ToHaveTextAsync((3 * cost).ToString("N0", CultureInfo.InvariantCulture));
        await Expect(phone.GetByTestId("recent-activity")).ToContainTextAsync(email);
        await phone.AssertFitsTheWindowAsync();
        await phone.ScreenshotAsync("admin-overview-phone");
        await admin.GotoAsync("/admin");
        await Expect(admin.GetByTestId("week-spent")).ToHaveTextAsync((3 * cost).ToString("N0", CultureInfo.InvariantCulture));
        await admin.ScreenshotAsync("admin-overview");
    }

    private static long Number(string? text) => long.Parse(text!.Trim(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    private async Task<(string Key, long Cost)> CheapestFeatureAsync()
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var feature = await db.Features.Where(f => f.Active && f.Cost > 0).OrderBy(f => f.Cost).ThenBy(f => f.Key).FirstAsync();
        return (feature.Key, feature.Cost);
    }

    private async Task<string> RegisterWithTokensAsync(string email)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var (user, _) = await scope.ServiceProvider.GetRequiredService<Registration>().RegisterAsync(email, Journeys.Password);
        var act = new AdminAct(new Audit.AdminActor("e2e", DemoAccounts.AdminEmail, "127.0.0.1"), "analytics journey", $"e2e-{Guid.NewGuid():N}");
        Assert.True((await scope.ServiceProvider.GetRequiredService<LedgerService>().AllocateAsync(user!.Id, 100_000, null, act)).Value is not null);
        return user.Id;
    }

    private async Task SpendAsync(string userId, string feature, int quantity)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var spent = await scope.ServiceProvider.GetRequiredService<LedgerService>().SpendAsync(userId, feature, quantity, $"e2e-{Guid.NewGuid():N}");
        Assert.True(spent.Value is not null, spent.Failure?.Message);
    }
}
