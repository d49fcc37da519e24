using Microsoft.Playwright;
using TokenSaas.E2E.Infrastructure;
using TokenSaas.Identity;
using static Microsoft.Playwright.Assertions;

namespace TokenSaas.E2E.Security;

/// <summary>
/// What used to be inline script or style works from files under the Content-Security-Policy:
/// usage bars, selecting the invite link, and the admin's refund confirmation. Any CSP violation
/// fails the journey (see <see cref="CspWatch"/>).
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class CspJourneyTests(Site site)
{
    [Fact]
    public async Task Bars_the_invite_link_and_the_refund_confirmation_work_without_inline_script()
    {
        var page = await site.NewPageAsync(390, 844);
        var email = Journeys.NewEmail();
        await page.RegisterAsync(email);

        var bar = page.Locator("span[data-width]").First;
        Assert.Equal(await bar.GetAttributeAsync("data-width") + "%", await bar.EvaluateAsync<string>("e => e.style.width"));
        await page.GotoAsync("/tokens/gift");
        var link = page.GetByTestId("invite-link");
        await link.ClickAsync();
        Assert.True(await link.EvaluateAsync<bool>("e => e.value.length > 0 && e.selectionStart === 0 && e.selectionEnd === e.value.length"),
            "Clicking the invite link selects it.");
        await page.AssertFitsTheWindowAsync();
        await page.ScreenshotAsync("csp-gift-phone");

        await page.GotoAsync("/tokens/buy");
        await page.GetByTestId("pack-inr_100").GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByTestId("buy-modal")).ToBeVisibleAsync();
        await page.GetByTestId("buy-confirm").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/checkout/sandbox/pay_"), new() { Timeout = 15_000 });
        var paymentId = page.Url.Split('/').Last().Split('?').First();
        await page.GetByTestId("sandbox-pay").ClickAsync();
        await Expect(page.GetByTestId("payment-result")).ToBeVisibleAsync();

        var admin = await site.NewPageAsync(1366, 900);
        await admin.LogInAsync(DemoAccounts.AdminEmail, DemoAccounts.Password);
        await admin.GotoAsync("/admin/payments");
        var row = admin.GetByTestId("payments").Locator("tr", new() { HasText = email });
        await row.GetByLabel($"Reason for refunding {paymentId}").FillAsync("Customer asked");
        var asked = new List<string>();
        void Dismiss(object? _, IDialog dialog) { asked.Add(dialog.Message); _ = dialog.DismissAsync(); }
        admin.Dialog += Dismiss;
        await row.GetByRole(AriaRole.Button, new() { Name = "Refund" }).ClickAsync();
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Refund" })).ToHaveTextAsync("Refund");
        Assert.Equal([$"Refund {paymentId}? The money goes back and unspent tokens are taken back."], asked);
        await Expect(row).ToContainTextAsync("succeeded");
        admin.Dialog -= Dismiss;
        admin.Dialog += async (_, dialog) => await dialog.AcceptAsync();

        await row.GetByRole(AriaRole.Button, new() { Name = "Refund" }).ClickAsync();

        await Expect(row).ToContainTextAsync("refunded");
        await admin.ScreenshotAsync("csp-admin-payments");
    }
}
