using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TokenSaas.E2E.Infrastructure;
using TokenSaas.Identity;
using TokenSaas.Ledger;
using static Microsoft.Playwright.Assertions;

namespace TokenSaas.E2E.History;

[Collection(SiteCollection.Name)]
public sealed class HistoryJourneyTests(Site site)
{
    [Fact]
    public async Task A_user_pages_through_history_filters_it_and_downloads_it()
    {
        var page = await site.NewPageAsync();
        var email = Journeys.NewEmail();
        await page.RegisterAsync(email);
        await SpendAsync(email, 30);

        await page.GetByRole(AriaRole.Link, new() { Name = "History", Exact = true }).ClickAsync();
        var rows = page.Locator("[data-testid=history] tbody tr:not(#load-more)");
        await Expect(rows).ToHaveCountAsync(25);

        // 30 spends, the top-up, the welcome bonus, today's daily tokens and this month's plan quota.
        await page.GetByTestId("load-more").ClickAsync();
        await Expect(rows).ToHaveCountAsync(34);
        await Expect(page).ToHaveURLAsync(site.BaseUrl + "/history");
        await Expect(page.GetByTestId("load-more")).ToHaveCountAsync(0);
        await page.ScreenshotAsync("history");

        await page.GetByLabel("Type").SelectOptionAsync("grant");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(2);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("csv-export").ClickAsync());
        var csv = await File.ReadAllLinesAsync((await download.PathAsync())!);
        Assert.Equal(LedgerCsv.Header, csv[0]);
        Assert.Equal(3, csv.Length);
    }

    // Thirty spends through the ledger, as the studio (a later issue) will make them.
    private async Task SpendAsync(string email, int count)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
        var ledger = scope.ServiceProvider.GetRequiredService<LedgerService>();
        await ledger.GrantAsync(user!.Id, new TokenGrant(GrantBucket.Purchased, count, "e2e", "e2e-top-up", "e2e", "Top-up"));
        for (var i = 0; i < count; i++)
        {
            Assert.True((await ledger.SpendAsync(user.Id, "create_website", 1, $"e2e-{i}")).Succeeded);
        }
    }
}
