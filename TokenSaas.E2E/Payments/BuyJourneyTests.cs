using Microsoft.Playwright;
using TokenSaas.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TokenSaas.E2E.Payments;

[Collection(SiteCollection.Name)]
public sealed class BuyJourneyTests(Site site)
{
    [Fact]
    public async Task A_user_buys_a_pack_in_the_sandbox_and_sees_the_balance_rise_and_the_purchase_in_history()
    {
        var page = await site.NewPageAsync();
        await page.RegisterAsync(Journeys.NewEmail());

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Buy tokens" }).ClickAsync();
        await page.GetByTestId("pack-inr_500").GetByRole(AriaRole.Link, new() { Name = "Buy 500 tokens" }).ClickAsync();
        await Expect(page.GetByTestId("buy-modal")).ToBeVisibleAsync();
        await page.ScreenshotAsync("buy-modal");
        await page.GetByTestId("buy-confirm").DblClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/checkout/sandbox/pay_"));
        await page.GetByTestId("sandbox-pay").ClickAsync();

        await Expect(page.GetByTestId("payment-result")).ToContainTextAsync("500 tokens were added");
        await Expect(page.NavbarBalance()).ToHaveTextAsync("1,515");
        await page.ScreenshotAsync("bought");
        await page.GetByRole(AriaRole.Link, new() { Name = "History", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("history")).ToContainTextAsync("Bought 500 tokens");
    }

    [Fact]
    public async Task A_failed_payment_shows_a_clear_message_and_credits_nothing()
    {
        var page = await site.NewPageAsync();
        await page.RegisterAsync(Journeys.NewEmail());
        await page.GotoAsync("/tokens/buy");

        await page.GetByTestId("pack-inr_100").GetByRole(AriaRole.Link).ClickAsync();
        await page.GetByTestId("buy-confirm").ClickAsync();
        // The buyer closes the gateway's page and comes back later: the checkout can be resumed.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/checkout/sandbox/pay_"));
        var payment = page.Url.Split('/').Last();
        await page.GotoAsync($"/tokens/buy?payment={payment}");
        await Expect(page.GetByTestId("payment-result")).ToHaveAttributeAsync("data-status", "pending");
        await page.ScreenshotAsync("checkout-open");
        await page.GetByTestId("resume-payment").ClickAsync();
        await page.GetByTestId("sandbox-fail").ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The payment did not go through");
        await Expect(page.NavbarBalance()).ToHaveTextAsync(Journeys.StartingBalance);
        await Expect(page.GetByTestId("open-checkout")).ToHaveCountAsync(0);

        // Another checkout left open is cancelled from the same notice on a phone.
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/tokens/buy");
        await page.GetByTestId("pack-inr_100").GetByRole(AriaRole.Link).ClickAsync();
        await page.GetByTestId("buy-confirm").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/checkout/sandbox/pay_"));
        await page.GotoAsync($"/tokens/buy?payment={page.Url.Split('/').Last()}");
        await page.AssertFitsTheWindowAsync();
        await page.ScreenshotAsync("checkout-open-phone");
        await page.GetByTestId("cancel-payment").ClickAsync();
        await Expect(page.GetByTestId("payment-result")).ToContainTextAsync("You cancelled this checkout. Nothing was charged");
        await Expect(page.GetByTestId("open-checkout")).ToHaveCountAsync(0);
        await Expect(page.NavbarBalance()).ToHaveTextAsync(Journeys.StartingBalance);
    }
}
