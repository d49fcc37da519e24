using Microsoft.Playwright;
using TokenSaas.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TokenSaas.E2E.Pricing;

[Collection(SiteCollection.Name)]
public sealed class PlanJourneyTests(Site site)
{
    [Fact]
    public async Task A_new_user_sees_their_plan_and_daily_countdown_and_upgrades_by_paying()
    {
        var page = await site.NewPageAsync();
        await page.RegisterAsync(Journeys.NewEmail());

        await Expect(page.GetByTestId("plan-name")).ToHaveTextAsync("basic");
        await Expect(page.GetByTestId("countdown")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+ (h \d+ )?min$"));
        await Expect(page.GetByTestId("readiness")).ToContainTextAsync("Ready to create a website");
        await page.ScreenshotAsync("dashboard-plan");

        await page.GetByRole(AriaRole.Link, new() { Name = "Compare plans" }).ClickAsync();
        await Expect(page.GetByTestId("plan-basic").GetByTestId("current-plan")).ToBeVisibleAsync();
        await page.GetByTestId("buy-plan-standard-sandbox").ClickAsync();
        await page.GetByTestId("sandbox-pay").ClickAsync();

        await Expect(page.GetByTestId("payment-result")).ToHaveAttributeAsync("data-status", "succeeded");
        await Expect(page.GetByTestId("payment-result")).ToContainTextAsync("you are on the Standard plan now, and its 10,000 tokens for this period were added");
        await page.ScreenshotAsync("plan-bought");
        await page.GotoAsync("/dashboard");
        await Expect(page.GetByTestId("plan-name")).ToHaveTextAsync("standard");
    }

    [Fact]
    public async Task The_demo_admin_confirms_a_plan_change_and_lands_on_the_dashboard_with_it()
    {
        var page = await site.NewPageAsync();
        await page.LogInAsync(TokenSaas.Identity.DemoAccounts.AdminEmail, TokenSaas.Identity.DemoAccounts.Password);
        await page.GotoAsync("/pricing");
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Upgrade to Standard" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(site.BaseUrl + "/dashboard");
        await Expect(page.GetByTestId("plan-name")).ToHaveTextAsync("standard");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You are now on the standard plan");
        await page.ScreenshotAsync("plan-changed");

        await page.GotoAsync("/pricing");
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to Basic" }).ClickAsync();
        await Expect(page.GetByTestId("plan-name")).ToHaveTextAsync("basic");
    }
}
