using Microsoft.Playwright;
using TokenSaas.E2E.Infrastructure;
using TokenSaas.Identity;
using static Microsoft.Playwright.Assertions;

namespace TokenSaas.E2E.Admin;

[Collection(AdminSiteCollection.Name)]
public sealed class CatalogueJourneyTests(AdminSite site)
{
    [Fact]
    public async Task The_admin_adds_a_pack_and_reprices_a_feature_and_a_user_sees_both_at_once()
    {
        var key = "weekend_" + Guid.NewGuid().ToString("N")[..6];
        var customer = await site.NewPageAsync();
        await customer.RegisterAsync(Journeys.NewEmail());
        await customer.GotoAsync("/studio");
        await Expect(customer.GetByTestId("feature-summarize").Locator(".tag")).ToHaveTextAsync("3 tokens");

        var page = await site.NewPageAsync(1366, 900);
        await page.LogInAsync(DemoAccounts.AdminEmail, DemoAccounts.Password);
        await page.GotoAsync("/admin");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Admin" }).GetByRole(AriaRole.Link, new() { Name = "Packs" }).ClickAsync();
        await Expect(page.GetByTestId("packs")).ToContainTextAsync("inr_100");
        await page.ScreenshotAsync("admin-packs");

        await page.GetByTestId("new-pack").ClickAsync();
        await page.GetByLabel("Key").FillAsync(key);
        await page.GetByLabel("Name").FillAsync("Weekend pack");
        await page.GetByLabel("Tokens", new() { Exact = true }).FillAsync("750");
        await page.GetByLabel("Bonus tokens").FillAsync("50");
        await page.GetByLabel("INR").FillAsync("599");
        await page.GetByLabel("Reason").FillAsync("Weekend promotion");
        await page.GetByRole(AriaRole.Button, new() { Name = "Review the new pack…" }).ClickAsync();
        var confirm = page.GetByTestId("admin-confirm");
        await Expect(confirm.GetByTestId("changes")).ToContainTextAsync("₹599");
        await page.ScreenshotAsync("admin-pack-confirm");
        await confirm.GetByTestId("confirm-run").DblClickAsync();

        await Expect(page).ToHaveURLAsync($"{site.BaseUrl}/admin/packs/{key}");
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Weekend pack was created.");
        await page.ScreenshotAsync("admin-pack-edit");
        await customer.GotoAsync("/tokens/buy");
        await Expect(customer.GetByTestId($"pack-{key}")).ToContainTextAsync("₹599");
        await Expect(customer.GetByTestId($"pack-{key}")).ToContainTextAsync("+50 bonus");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Admin" }).GetByRole(AriaRole.Link, new() { Name = "Features" }).ClickAsync();
        await page.GetByLabel("Name or key").FillAsync("summari");
        await Expect(page.GetByTestId("features-total")).ToContainTextAsync("1 of ");
        await page.ScreenshotAsync("admin-features");
        await page.GetByRole(AriaRole.Link, new() { Name = "Summarize" }).ClickAsync();
        var form = page.GetByTestId("feature-form");
        await form.GetByLabel("Cost (tokens per use)").FillAsync("4");
        await form.GetByLabel("Cost per use to us (INR)").FillAsync("0.60");
        await form.GetByLabel("Reason").FillAsync("Longer summaries cost more");
        await page.GetByRole(AriaRole.Button, new() { Name = "Review changes…" }).ClickAsync();
        await Expect(page.GetByTestId("changes")).ToContainTextAsync("4 tokens");
        await page.ScreenshotAsync("admin-feature-confirm");
        await page.GetByTestId("confirm-run").ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Summarize was saved.");
        var newest = page.GetByTestId("cost-history").Locator("tbody tr").First;
        await Expect(newest).ToContainTextAsync("3 tokens → 4 tokens");
        await Expect(newest).ToContainTextAsync("Longer summaries cost more");
        await Expect(newest).ToContainTextAsync(DemoAccounts.AdminEmail);
        await page.ScreenshotAsync("admin-feature-edit");
        await customer.GotoAsync("/studio");
        await Expect(customer.GetByTestId("feature-summarize").Locator(".tag")).ToHaveTextAsync("4 tokens");

        await page.GotoAsync("/admin/features?category=Documents");
        await Expect(page.Locator("tr[data-feature=summarize] [data-testid=margin]")).ToContainTextAsync("%");
        await page.ScreenshotAsync("admin-features-margins");

        await page.SetViewportSizeAsync(390, 844);
        foreach (var (url, name) in new[]
                 {
                     ("/admin/packs", "admin-packs-phone"), ($"/admin/packs/{key}", "admin-pack-edit-phone"), ("/admin/packs/new", "admin-pack-new-phone"),
                     ("/admin/features", "admin-features-phone"), ("/admin/features/summarize", "admin-feature-edit-phone"),
                 })
        {
            await page.GotoAsync(url);
            await page.ScreenshotAsync(name);
            await page.AssertFitsTheWindowAsync();
        }

        await page.GotoAsync($"/admin/packs/{key}");
        await page.GetByTestId("pack-form").GetByLabel("INR").FillAsync("649");
        await page.GetByTestId("pack-form").GetByLabel("Reason").FillAsync("Costs went up");
        await page.GetByRole(AriaRole.Button, new() { Name = "Review changes…" }).ClickAsync();
        await Expect(page.GetByTestId("changes")).ToContainTextAsync("₹599");
        // The confirm step is a fixed modal: a picture of the window shows it as the admin sees it.
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Site.ArtifactsDirectory, "admin-pack-confirm-phone.png") });
        await page.AssertFitsTheWindowAsync();
    }
}
