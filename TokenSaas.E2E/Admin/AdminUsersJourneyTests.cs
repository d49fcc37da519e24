using Microsoft.Playwright;
using TokenSaas.E2E.Infrastructure;
using TokenSaas.Identity;
using static Microsoft.Playwright.Assertions;

namespace TokenSaas.E2E.Admin;

[Collection(AdminSiteCollection.Name)]
public sealed class AdminUsersJourneyTests(AdminSite site)
{
    [Fact]
    public async Task The_admin_finds_a_user_gives_them_50_tokens_and_makes_them_unlimited()
    {
        var email = Journeys.NewEmail();
        var customer = await site.NewPageAsync();
        await customer.RegisterAsync(email);
        await Expect(customer.NavbarBalance()).ToHaveTextAsync(Journeys.StartingBalance);

        var page = await site.NewPageAsync(1366, 900);
        await page.LogInAsync(DemoAccounts.AdminEmail, DemoAccounts.Password);
        await page.GotoAsync("/admin");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Admin" }).GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();
        await page.GetByLabel("Email or user id").FillAsync(email[4..20]);
        await Expect(page.GetByTestId("users-total")).ToHaveTextAsync("1 user · page 1 of 1");
        await page.ScreenshotAsync("admin-users");
        await page.GetByRole(AriaRole.Link, new() { Name = email }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = email })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("user-balance")).ToHaveTextAsync("1,015 tokens");
        var allocate = page.GetByTestId("action-allocate");
        await allocate.GetByText("Give bonus tokens").ClickAsync();
        await allocate.GetByLabel("Tokens", new() { Exact = true }).FillAsync("50");
        await allocate.GetByLabel("Reason").FillAsync("Thanks for the bug report");
        await allocate.GetByRole(AriaRole.Button, new() { Name = "Review…" }).ClickAsync();
        await Expect(page.GetByTestId("confirm-text")).ToHaveTextAsync($"Give {email} 50 tokens as a bonus?");
        await page.ScreenshotAsync("admin-user-confirm");
        await page.GetByTestId("confirm-run").DblClickAsync();
        await Expect(page.GetByTestId("admin-done")).ToContainTextAsync("50 tokens given. Balance now 1,065.");
        await page.GetByRole(AriaRole.Link, new() { Name = "Close" }).ClickAsync();

        await Expect(page.GetByTestId("user-balance")).ToHaveTextAsync("1,065 tokens");
        await Expect(page.GetByTestId("user-ledger")).ToContainTextAsync("Bonus from an admin: Thanks for the bug report");
        await Expect(page.GetByTestId("user-audit")).ToContainTextAsync("tokens.allocate");
        await customer.ReloadAsync();
        await Expect(customer.NavbarBalance()).ToHaveTextAsync("1,065");

        await page.GetByText("Make unlimited").ClickAsync();
        await page.GetByTestId("action-unlimited").GetByLabel("Reason").FillAsync("Enterprise pilot");
        await page.GetByTestId("action-unlimited").GetByRole(AriaRole.Button, new() { Name = "Review…" }).ClickAsync();
        await page.GetByTestId("confirm-run").ClickAsync();
        await Expect(page.GetByTestId("admin-done")).ToContainTextAsync("The account is unlimited.");
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByTestId("user-balance")).ToHaveTextAsync("Unlimited");
        await page.ScreenshotAsync("admin-user");

        await page.SetViewportSizeAsync(390, 844);
        await page.ReloadAsync();
        await page.ScreenshotAsync("admin-user-phone");
        await page.AssertFitsTheWindowAsync();
    }
}
