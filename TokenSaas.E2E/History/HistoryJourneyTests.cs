using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TokenSaas.E2E.Infrastructure;
using TokenSaas.Identity;
using TokenSaas.Ledger;
using TokenSaas.Studio;
using static Microsoft.Playwright.Assertions;

namespace TokenSaas.E2E.History;

[Collection(SiteCollection.Name)]
public sealed class HistoryJourneyTests(Site site)
{
    [Fact]
    public async Task A_user_pages_through_history_filters_it_and_downloads_it()
    {
        var page = await site.NewPageAsync(1366, 900);
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

        // One paid and one free studio run: one row each, in words, with the ledger entries one click away.
        var cost = await StudioRunsAsync(email);
        await page.GotoAsync(site.BaseUrl + "/history");
        var summarize = rows.Filter(new() { HasText = "Summarize" });
        var chat = rows.Filter(new() { HasText = "Chat" });
        await Expect(summarize).ToHaveCountAsync(1);
        await Expect(chat).ToHaveCountAsync(1);
        await Expect(summarize.Locator("td[data-label=Tokens]")).ToHaveTextAsync($"−{cost}");
        await Expect(chat.Locator("td[data-label=Tokens]")).ToHaveTextAsync("free");
        await Expect(summarize.Locator(".activity-what")).ToHaveTextAsync("Summarize");
        await summarize.GetByText("Details").ClickAsync();
        await Expect(summarize.GetByTestId("history-detail")).ToContainTextAsync("Reserved for summarize");
        await Expect(summarize.GetByTestId("history-detail")).ToContainTextAsync($"charged {cost} reserved tokens");
        await page.ScreenshotAsync("history-in-words");

        await page.SetViewportSizeAsync(390, 844);
        await page.ReloadAsync();
        await page.AssertFitsTheWindowAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => [...document.querySelectorAll('table')].every(t => t.scrollWidth <= t.parentElement.clientWidth + 1)"),
            "A history table is wider than its card on a phone");
        await page.ScreenshotAsync("history-in-words-phone");

        // Notifications: padded items, each read on its own, the bell following.
        await NotifyAsync(email, "Your purchase was refunded", "Your purchase of 500 tokens (₹499) was refunded; 485 tokens were taken back, 15 had already been spent.");
        await NotifyAsync(email, "Your balance is low", "You have 9 tokens left.");
        await page.GotoAsync(site.BaseUrl + "/notifications");
        await Expect(page.GetByTestId("bell-count")).ToHaveTextAsync("2");
        await page.AssertFitsTheWindowAsync();
        await page.ScreenshotAsync("notifications-phone");
        await page.GetByTestId("notification").Filter(new() { HasText = "Your balance is low" }).GetByTestId("mark-one-read").ClickAsync();
        await Expect(page.GetByTestId("mark-one-read")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("bell-count")).ToHaveTextAsync("1");
        await page.SetViewportSizeAsync(1366, 900);
        await page.ScreenshotAsync("notifications");
    }

    private async Task NotifyAsync(string email, string title, string body)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
        await scope.ServiceProvider.GetRequiredService<TokenSaas.Notifications.NotificationService>()
            .NotifyAsync(user!.Id, "e2e", title, body, "/history", default);
    }

    /// <summary>The paid run's cost: read from the catalogue, which another journey may have repriced.</summary>
    private async Task<long> StudioRunsAsync(string email)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
        var studio = scope.ServiceProvider.GetRequiredService<StudioService>();
        Assert.True((await studio.RunAsync(user!.Id, "summarize", "A long text to make short. It has two sentences.", "e2e-paid", default)).Succeeded);
        Assert.True((await studio.RunAsync(user.Id, "chat", "Make the header blue.", "e2e-free", default)).Succeeded);
        return await scope.ServiceProvider.GetRequiredService<TokenSaas.Data.AppDbContext>().Features
            .Where(f => f.Key == "summarize").Select(f => f.Cost).SingleAsync();
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
