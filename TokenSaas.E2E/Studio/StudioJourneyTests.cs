using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TokenSaas.E2E.Infrastructure;
using TokenSaas.Identity;
using TokenSaas.Ledger;
using static Microsoft.Playwright.Assertions;

namespace TokenSaas.E2E.Studio;

[Collection(SiteCollection.Name)]
public sealed class StudioJourneyTests(Site site)
{
    private const string Brief = "# Asha's Bakery\n\nFresh bread every morning.\n\n## Visit us\n\nMain Street 4, open 7 to 2.";

    [Fact]
    public async Task A_new_user_creates_a_website_for_one_token_and_sees_it()
    {
        var page = await site.NewPageAsync();
        await page.RegisterAsync(Journeys.NewEmail());

        await page.GetByRole(AriaRole.Link, new() { Name = "Studio", Exact = true }).ClickAsync();
        await page.ScreenshotAsync("studio");
        await page.GetByTestId("feature-create_website").ClickAsync();
        await page.GetByTestId("studio-submit").ClickAsync();
        await Expect(page.GetByTestId("studio-error")).ToHaveTextAsync("Write something for the studio to work with.");
        await page.GetByTestId("studio-input").FillAsync(Brief);
        await page.GetByTestId("studio-submit").ClickAsync();
        await Expect(page.GetByTestId("gate-summary")).ToHaveTextAsync("This run costs 1 token. Balance after: 1,014 of 1,015.");
        await Expect(page.GetByTestId("studio-error")).ToBeEmptyAsync();
        await page.ScreenshotAsync("studio-feature");

        // Keyboard: the gate takes focus, Tab stays inside it, Escape closes it and focus goes back to Continue.
        await Expect(page.Locator("#gate-title")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByTestId("gate-confirm")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByTestId("gate-confirm")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByTestId("gate")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("studio-submit")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#gate-title")).ToBeFocusedAsync();
        await page.GetByTestId("gate-confirm").DblClickAsync();

        await Expect(page.GetByTestId("outcome").GetByRole(AriaRole.Status)).ToContainTextAsync("1 token spent");
        await Expect(page.NavbarBalance()).ToHaveTextAsync("1,014");
        await Expect(page.FrameLocator("[data-testid=site-preview]").GetByRole(AriaRole.Heading, new() { Name = "Asha's Bakery" })).ToBeVisibleAsync();
        await page.ScreenshotAsync("studio-website");
        var preview = await page.Context.NewPageAsync();
        await preview.GotoAsync((await page.GetByTestId("site-preview").GetAttributeAsync("src"))!);
        await Expect(preview.GetByRole(AriaRole.Heading, new() { Name = "Visit us" })).ToBeVisibleAsync();
        await preview.ScreenshotAsync("studio-site", scan: false);

        await page.GotoAsync("/studio/chat");
        await page.GetByTestId("studio-input").FillAsync("How do I add opening hours?");
        await page.GetByTestId("studio-submit").ClickAsync();
        await Expect(page.GetByTestId("outcome")).ToContainTextAsync("Nothing was charged");
        await Expect(page.NavbarBalance()).ToHaveTextAsync("1,014");

        await page.GotoAsync("/dashboard");
        await Expect(page.Locator("[data-testid=charts] canvas[data-drawn=true]")).ToHaveCountAsync(2);
        await page.ScreenshotAsync("dashboard-charts");
    }

    [Fact]
    public async Task A_run_that_fails_gives_the_token_back_on_a_phone()
    {
        var page = await site.NewPageAsync(390, 844);
        await page.RegisterAsync(Journeys.NewEmail());
        await page.GotoAsync("/studio/create_website");

        await page.GetByTestId("studio-input").FillAsync("A bakery, but I forgot to give it a name.");
        await page.GetByTestId("studio-submit").ClickAsync();

        // After Continue the gate is scrolled into view whole, below the sticky header.
        await Expect(page.Locator("#gate-title")).ToBeFocusedAsync();
        var box = (await page.GetByTestId("gate").BoundingBoxAsync())!;
        var header = await page.Locator("header").First.BoundingBoxAsync() is { } h ? Math.Max(0, h.Y + h.Height) : 0;
        Assert.True(box.Y >= header - 1 && box.Y + box.Height <= 844 + 1, $"The gate is out of view: top {box.Y}, bottom {box.Y + box.Height}, header {header}.");
        await page.AssertFitsTheWindowAsync();
        await page.ScreenshotAsync("studio-feature-phone");
        await page.GetByTestId("gate-confirm").ClickAsync();

        await Expect(page.GetByTestId("run-failed")).ToContainTextAsync("your tokens were returned");
        await Expect(page.NavbarBalance()).ToHaveTextAsync(Journeys.StartingBalance);
    }

    [Fact]
    public async Task With_no_tokens_a_paid_feature_says_so_and_offers_to_buy()
    {
        var page = await site.NewPageAsync();
        var email = Journeys.NewEmail();
        await page.RegisterAsync(email);
        await DrainAsync(email);
        await page.GotoAsync("/studio/cover_letter");

        await page.GetByTestId("studio-input").FillAsync("name: Asha\ncompany: Acme\nrole: Baker");
        await page.GetByTestId("studio-submit").ClickAsync();

        await Expect(page.GetByTestId("insufficient")).ToContainTextAsync("you have 0");
        await page.GetByTestId("insufficient").GetByRole(AriaRole.Link, new() { Name = "Buy tokens" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(site.BaseUrl + "/tokens/buy");
    }

    private async Task DrainAsync(string email)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
        var ledger = scope.ServiceProvider.GetRequiredService<LedgerService>();
        var balance = await ledger.GetBalanceAsync(user!.Id);
        Assert.True((await ledger.AdjustAsync(user.Id, -balance.Total, "e2e: start from zero", "e2e-drain", "e2e")).Succeeded);
    }
}
