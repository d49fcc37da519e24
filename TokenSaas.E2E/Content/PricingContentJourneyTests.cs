using Microsoft.Playwright;
using TokenSaas.E2E.Infrastructure;
using TokenSaas.Identity;
using static Microsoft.Playwright.Assertions;

namespace TokenSaas.E2E.Content;

[Collection(SiteCollection.Name)]
public sealed class PricingContentJourneyTests(Site site)
{
    [Fact]
    public async Task The_admin_writes_the_intro_with_a_live_preview_publishes_it_and_restores_the_earlier_version()
    {
        var admin = await site.NewPageAsync(1366, 900);
        await admin.LogInAsync(DemoAccounts.AdminEmail, DemoAccounts.Password);
        await admin.GotoAsync("/admin");
        await admin.GetByRole(AriaRole.Navigation, new() { Name = "Admin" }).GetByRole(AriaRole.Link, new() { Name = "Content" }).ClickAsync();
        await admin.GotoAsync("/admin/content/intro");

        var first = "## Pay only for what you make\n\nEvery account gets **free tokens** each day. [Sneaky](javascript:alert(1))";
        await admin.GetByTestId("markdown").FillAsync(string.Empty);
        await admin.GetByTestId("markdown").PressSequentiallyAsync(first, new() { Delay = 5 });
        await Expect(admin.GetByTestId("preview").Locator("h2")).ToHaveTextAsync("Pay only for what you make");
        await Expect(admin.GetByTestId("preview-removed")).ToContainTextAsync("javascript:");
        await Expect(admin.GetByTestId("draft-saved")).ToBeVisibleAsync();
        await admin.ScreenshotAsync("content-editor");
        await PublishAsync(admin, "First intro");

        var visitor = await site.NewPageAsync(1366, 900);
        await visitor.GotoAsync("/pricing");
        await Expect(visitor.GetByTestId("pricing-intro").Locator("h2")).ToHaveTextAsync("Pay only for what you make");
        await Expect(visitor.GetByTestId("pricing-intro").Locator("a[href^='javascript']")).ToHaveCountAsync(0);
        await visitor.ScreenshotAsync("pricing-content");

        await admin.GotoAsync("/admin/content/intro");
        await admin.GetByTestId("markdown").FillAsync("## Tokens for every team\n\nBuy once, spend any time.");
        await Expect(admin.GetByTestId("preview").Locator("h2")).ToHaveTextAsync("Tokens for every team");
        await PublishAsync(admin, "Second intro");
        await visitor.ReloadAsync();
        await Expect(visitor.GetByTestId("pricing-intro").Locator("h2")).ToHaveTextAsync("Tokens for every team");

        await admin.GotoAsync("/admin/content/intro");
        await admin.GetByTestId("compare-2").ClickAsync();
        await Expect(admin.GetByTestId("diff")).ToContainTextAsync("Tokens for every team");
        await admin.ScreenshotAsync("content-diff");
        await admin.GotoAsync("/admin/content/intro");
        await admin.GetByTestId("restore-1").ClickAsync();
        await admin.GetByTestId("admin-confirm").GetByTestId("confirm-run").ClickAsync();
        await Expect(admin.GetByTestId("markdown")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("Pay only for what you make"));
        await visitor.ReloadAsync();
        await Expect(visitor.GetByTestId("pricing-intro").Locator("h2")).ToHaveTextAsync("Tokens for every team");
        await PublishAsync(admin, "Back to the first intro");
        await visitor.ReloadAsync();
        await Expect(visitor.GetByTestId("pricing-intro").Locator("h2")).ToHaveTextAsync("Pay only for what you make");
        await Expect(admin.GetByTestId("version-3")).ToBeVisibleAsync();
        await admin.ScreenshotAsync("content-versions");

        await visitor.SetViewportSizeAsync(390, 844);
        await visitor.ScreenshotAsync("pricing-content-phone");
        await visitor.AssertFitsTheWindowAsync();
        await admin.SetViewportSizeAsync(390, 844);
        await admin.ScreenshotAsync("content-editor-phone");
        await admin.AssertFitsTheWindowAsync();
    }

    private static async Task PublishAsync(IPage admin, string note)
    {
        await admin.GetByTestId("publish").ClickAsync();
        var confirm = admin.GetByTestId("admin-confirm");
        await confirm.GetByLabel("Note (kept with the version and in the audit log)").FillAsync(note);
        await confirm.GetByTestId("confirm-run").ClickAsync();
        await Expect(admin.GetByTestId("versions")).ToContainTextAsync(note);
    }
}
