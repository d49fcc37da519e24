using Microsoft.Playwright;
using TokenSaas.E2E.Infrastructure;
using TokenSaas.Identity;
using static Microsoft.Playwright.Assertions;

namespace TokenSaas.E2E.Admin;

[Collection(AdminSiteCollection.Name)]
public sealed class DemoAdminJourneyTests(AdminSite site)
{
    [Fact]
    public async Task The_demo_admin_logs_in_and_opens_the_admin_overview()
    {
        var page = await site.NewPageAsync();

        await page.LogInAsync(DemoAccounts.AdminEmail, DemoAccounts.Password);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })
            .GetByRole(AriaRole.Link, new() { Name = "Admin" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Admin overview" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("admin-users")).Not.ToHaveTextAsync("0");
        await page.ScreenshotAsync("admin-overview");
    }

    [Fact]
    public async Task The_demo_user_has_no_admin_link()
    {
        var page = await site.NewPageAsync();

        await page.LogInAsync(DemoAccounts.UserEmail, DemoAccounts.Password);

        await Expect(page.NavbarBalance()).ToHaveTextAsync("1,017");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Admin" })).ToHaveCountAsync(0);
    }
}
