using Microsoft.Playwright;
using TokenSaas.E2E.Infrastructure;
using TokenSaas.Identity;
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
        await page.ScreenshotAsync("buy");
        var buy500 = page.GetByTestId("pack-inr_500").GetByRole(AriaRole.Link, new() { Name = "Buy 500 tokens" });
        await buy500.ClickAsync();
        await Expect(page.GetByTestId("buy-modal")).ToBeVisibleAsync();
        await page.ScreenshotAsync("buy-modal");

        // Escape closes the modal and gives focus back to the pack's button; Enter opens it again with focus inside.
        await Expect(page.Locator("#confirm-title")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByTestId("buy-modal")).ToHaveCountAsync(0);
        await Expect(buy500).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#confirm-title")).ToBeFocusedAsync();
        await page.ScreenshotAsync("buy-modal-keyboard");
        await page.GetByTestId("buy-confirm").DblClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/checkout/sandbox/pay_"));
        await page.GetByTestId("sandbox-pay").ClickAsync();

        await Expect(page.GetByTestId("payment-result")).ToContainTextAsync("500 tokens were added");
        await Expect(page.NavbarBalance()).ToHaveTextAsync("1,515");
        await page.ScreenshotAsync("bought");
        await page.GetByRole(AriaRole.Link, new() { Name = "History", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("history")).ToContainTextAsync("Bought 500 tokens");

        // Bought and bonus tokens can be given (500 + the 10-token welcome bonus); more is refused before "cannot be undone".
        await page.GotoAsync("/tokens/gift");
        await Expect(page.GetByTestId("gift-max")).ToHaveTextAsync("You can give up to 510 tokens.");
        await page.GetByLabel("Their email").FillAsync(DemoAccounts.UserEmail);
        await page.GetByLabel("Tokens", new() { Exact = true }).FillAsync("100000");
        await page.GetByTestId("gift-continue").ClickAsync();
        await Expect(page.Locator("#gift-amount-error")).ToHaveTextAsync("You can give up to 510 tokens (bought or bonus ones); 100,000 is more than that.");
        await Expect(page.GetByTestId("gift-confirm-text")).ToHaveCountAsync(0);
        await page.GetByLabel("Tokens", new() { Exact = true }).FillAsync("12345678901234567890");
        await page.GetByTestId("gift-continue").ClickAsync();
        await Expect(page.Locator("#gift-amount-error")).ToHaveTextAsync("Enter a whole number of tokens up to 510.");
        await page.ScreenshotAsync("gift");
    }

    [Fact]
    public async Task A_failed_payment_shows_a_clear_message_and_credits_nothing()
    {
        var page = await site.NewPageAsync();
        await page.RegisterAsync(Journeys.NewEmail());
        await page.GotoAsync("/tokens/buy");

        // Keyboard only: Enter on the pack opens the modal, Tab stays inside it up to Pay, Enter pays.
        await page.GetByTestId("pack-inr_100").GetByRole(AriaRole.Link).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#confirm-title")).ToBeFocusedAsync();
        for (var i = 0; i < 12 && !await page.GetByTestId("buy-confirm").EvaluateAsync<bool>("b => b === document.activeElement"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
            Assert.True(await page.GetByTestId("buy-modal").EvaluateAsync<bool>("m => m.contains(document.activeElement)"), "Tab left the open modal.");
        }

        await Expect(page.GetByTestId("buy-confirm")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
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
