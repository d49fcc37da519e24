using Microsoft.Playwright;
using TokenSaas.E2E.Infrastructure;
using TokenSaas.Identity;
using static Microsoft.Playwright.Assertions;

namespace TokenSaas.E2E.Admin;

[Collection(AdminSiteCollection.Name)]
public sealed class PromotionJourneyTests(AdminSite site)
{
    [Fact]
    public async Task The_admin_creates_DIWALI25_a_user_pays_375_for_the_500_pack_and_cannot_use_it_twice_and_a_bonus_code_adds_tokens()
    {
        var admin = await site.NewPageAsync(1366, 900);
        await admin.LogInAsync(DemoAccounts.AdminEmail, DemoAccounts.Password);
        await admin.GotoAsync("/admin");
        await admin.GetByRole(AriaRole.Navigation, new() { Name = "Admin" }).GetByRole(AriaRole.Link, new() { Name = "Promotions" }).ClickAsync();
        await CreateAsync(admin, "Diwali sale", "Percent off", "25", "DIWALI25", form => form.GetByLabel("Total uses", new() { Exact = true }).FillAsync("100"));
        await Expect(admin.GetByTestId("promotion-status")).ToHaveTextAsync("Active");
        await Expect(admin.GetByTestId("settings")).ToContainTextAsync("25");

        var buyer = await site.NewPageAsync(1366, 900);
        await buyer.RegisterAsync(Journeys.NewEmail());
        await buyer.GotoAsync("/tokens/buy");
        await buyer.GetByTestId("pack-inr_500").GetByRole(AriaRole.Link).ClickAsync();
        var modal = buyer.GetByTestId("buy-modal");
        await Expect(modal.GetByTestId("buy-confirm")).ToHaveTextAsync("Pay ₹500");
        await modal.GetByLabel("Promo code").PressSequentiallyAsync("diwali25", new() { Delay = 30 });
        await Expect(modal.GetByTestId("promo-list-price")).ToHaveTextAsync("₹500");
        await Expect(modal.GetByTestId("promo-final-price")).ToHaveTextAsync("₹375");
        await Expect(modal.GetByTestId("buy-confirm")).ToHaveTextAsync("Pay ₹375");
        await buyer.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Site.ArtifactsDirectory, "promo-buy-modal.png") });
        await modal.GetByTestId("buy-confirm").ClickAsync();
        await Expect(buyer.GetByText("₹375").First).ToBeVisibleAsync();
        await buyer.GetByTestId("sandbox-pay").ClickAsync();
        await Expect(buyer.GetByTestId("payment-result")).ToHaveAttributeAsync("data-status", "succeeded");
        await Expect(buyer.GetByTestId("payment-result")).ToContainTextAsync("500 tokens were added");
        await Expect(buyer.NavbarBalance()).ToHaveTextAsync("1,515");

        await buyer.GotoAsync("/tokens/buy");
        await buyer.GetByTestId("pack-inr_500").GetByRole(AriaRole.Link).ClickAsync();
        await buyer.GetByTestId("buy-modal").GetByLabel("Promo code").PressSequentiallyAsync("DIWALI25", new() { Delay = 30 });
        await Expect(buyer.GetByTestId("promo-reason")).ToHaveTextAsync("You have already used this code.");
        await Expect(buyer.GetByTestId("buy-confirm")).ToHaveTextAsync("Pay ₹500");

        await admin.GotoAsync("/admin/promotions");
        await CreateAsync(admin, "Weekend bonus", "Bonus tokens", "100", "WEEKEND100", _ => Task.CompletedTask);
        await buyer.GotoAsync("/tokens/buy");
        await buyer.GetByTestId("pack-inr_100").GetByRole(AriaRole.Link).ClickAsync();
        await buyer.GetByTestId("buy-modal").GetByLabel("Promo code").PressSequentiallyAsync("weekend100", new() { Delay = 30 });
        await Expect(buyer.GetByTestId("promo-bonus")).ToHaveTextAsync("+100 bonus tokens with WEEKEND100");
        await Expect(buyer.GetByTestId("buy-confirm")).ToHaveTextAsync("Pay ₹100");
        await buyer.GetByTestId("buy-confirm").ClickAsync();
        await buyer.GetByTestId("sandbox-pay").ClickAsync();
        await Expect(buyer.GetByTestId("payment-result")).ToContainTextAsync("200 tokens were added");
        await Expect(buyer.NavbarBalance()).ToHaveTextAsync("1,715");

        await admin.GotoAsync("/admin/promotions");
        var diwali = admin.GetByTestId("group-active").GetByTestId("promotion-card").Filter(new() { HasText = "DIWALI25" });
        await Expect(diwali.GetByTestId("redemptions")).ToHaveTextAsync("1 of 100");
        await Expect(diwali.GetByTestId("revenue")).ToContainTextAsync("₹375");
        await admin.ScreenshotAsync("admin-promotions");
        await admin.SetViewportSizeAsync(390, 844);
        await admin.ScreenshotAsync("admin-promotions-phone");
        await admin.AssertFitsTheWindowAsync();
        await diwali.GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(admin.GetByTestId("redemptions")).ToContainTextAsync("₹375");
        await admin.ScreenshotAsync("admin-promotion-detail-phone");
        await admin.AssertFitsTheWindowAsync();

        await admin.SetViewportSizeAsync(1366, 900);
        await admin.GetByTestId("codes-link").ClickAsync();
        var generate = admin.GetByTestId("codes-generate");
        await generate.GetByLabel("Pattern").FillAsync("DIWALI-####-???");
        await generate.GetByLabel("How many").FillAsync("5000");
        await generate.GetByLabel("Note (optional)").FillAsync("Codes for the newsletter");
        await generate.GetByRole(AriaRole.Button, new() { Name = "Generate codes" }).ClickAsync();
        var run = admin.GetByTestId("code-batch").First;
        await Expect(run.GetByTestId("code-batch-progress")).ToHaveTextAsync("5,000 of 5,000", new() { Timeout = 60_000 });
        await Expect(run.GetByTestId("code-batch-csv")).ToBeVisibleAsync();
        await admin.ScreenshotAsync("admin-promotion-codes");

        await admin.GotoAsync(admin.Url.Replace("/codes", "/report"));
        await Expect(admin.GetByTestId("report-rows")).ToContainTextAsync("₹375");
        await Expect(admin.GetByTestId("flags-empty")).ToBeVisibleAsync();
        await admin.ScreenshotAsync("admin-promotion-report");
        await admin.SetViewportSizeAsync(390, 844);
        await admin.ScreenshotAsync("admin-promotion-report-phone");
        await admin.AssertFitsTheWindowAsync();
        await admin.GotoAsync(admin.Url.Replace("/report", "/codes"));
        await admin.ScreenshotAsync("admin-promotion-codes-phone");
        await admin.AssertFitsTheWindowAsync();
    }

    private static async Task CreateAsync(IPage admin, string name, string type, string value, string code, Func<ILocator, Task> more)
    {
        await admin.GetByTestId("new-promotion").ClickAsync();
        var form = admin.GetByTestId("promotion-form");
        await form.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await form.GetByLabel("Type", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = type });
        await form.GetByLabel("Value", new() { Exact = true }).FillAsync(value);
        await form.GetByLabel("Currency", new() { Exact = true }).SelectOptionAsync("INR");
        await form.GetByLabel("Shared code", new() { Exact = true }).FillAsync(code);
        await more(form);
        await form.GetByLabel("Reason", new() { Exact = true }).FillAsync($"{name} for the festival");
        await admin.ScreenshotAsync($"admin-promotion-new-{code.ToLowerInvariant()}");
        await form.GetByRole(AriaRole.Button, new() { Name = "Create promotion" }).ClickAsync();
        await Expect(admin).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/admin/promotions/\d+$"));
    }
}
