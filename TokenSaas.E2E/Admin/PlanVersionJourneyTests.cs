using Microsoft.Playwright;
using TokenSaas.E2E.Infrastructure;
using TokenSaas.Identity;
using static Microsoft.Playwright.Assertions;

namespace TokenSaas.E2E.Admin;

/// <summary>Issue 10's journey, on a site of its own whose clock moves: a grandfathered price rise, then a migration at a date.</summary>
public sealed class PlanVersionJourneyTests(ClockedSite site) : IClassFixture<ClockedSite>
{
    [Fact]
    public async Task A_price_rise_grandfathers_subscribers_and_a_migration_moves_them_at_their_renewal_after_the_date()
    {
        var subscriber = await site.NewPageAsync();
        await subscriber.RegisterAsync(Journeys.NewEmail());
        await BuyStandardAsync(subscriber, "buy-plan-standard-sandbox", "Pay ₹29");

        var admin = await site.NewPageAsync(1366, 900);
        await admin.LogInAsync(DemoAccounts.AdminEmail, DemoAccounts.Password);
        await admin.GotoAsync("/admin");
        await admin.GetByRole(AriaRole.Navigation, new() { Name = "Admin" }).GetByRole(AriaRole.Link, new() { Name = "Plans" }).ClickAsync();
        await Expect(admin.GetByTestId("subscribers-standard")).ToContainTextAsync("1");
        await admin.ScreenshotAsync("admin-plans");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Standard", Exact = true }).ClickAsync();

        await admin.GetByTestId("price-INR").FillAsync("39");
        await Expect(admin.GetByTestId("plan-preview-card")).ToContainTextAsync("₹39");
        await Expect(admin.GetByTestId("impact-summary")).ToContainTextAsync("Publishes version 2.");
        await admin.GetByTestId("reason").FillAsync("Model costs went up");
        await admin.GetByTestId("review").ClickAsync();
        var review = admin.GetByTestId("plan-review");
        await Expect(review.GetByTestId("impact-summary")).ToContainTextAsync("1 current subscriber: grandfathered, they keep their version");
        await Expect(review.GetByTestId("impact-price-INR").Locator("td")).ToHaveTextAsync(["₹29", "₹39"]);
        await Expect(review.GetByTestId("impact-revenue-INR").Locator("td")).ToHaveTextAsync(["₹29", "₹29"]);
        await admin.ScreenshotAsync("admin-plan-review-grandfather");
        await review.GetByTestId("confirm-save").ClickAsync();
        await Expect(admin.Locator(".notice-success")).ToContainTextAsync("Standard: version 2 is published.");

        // The existing subscriber still renews at the old price; a new buyer pays the new one.
        await subscriber.GotoAsync("/pricing");
        await Expect(subscriber.GetByTestId("renewal-terms")).ToContainTextAsync("Renewing keeps your terms: ₹29");
        await RenewAsync(subscriber, "Pay ₹29");
        var newcomer = await site.NewPageAsync();
        await newcomer.RegisterAsync(Journeys.NewEmail());
        await BuyStandardAsync(newcomer, "buy-plan-standard-sandbox", "Pay ₹39");
        await newcomer.GotoAsync("/dashboard");
        await Expect(newcomer.GetByTestId("plan-version")).ToHaveTextAsync("version 2");

        await admin.GotoAsync("/admin/plans/standard/history");
        await Expect(admin.GetByTestId("version-2")).ToContainTextAsync("Model costs went up");
        await Expect(admin.GetByTestId("version-2")).ToContainTextAsync("Grandfathered");
        await Expect(admin.GetByTestId("version-1")).ToContainTextAsync("1 subscriber on it now");
        await admin.ScreenshotAsync("admin-plan-history");

        // A second rise migrates everyone at their first renewal on or after a date ten days out.
        var date = DateOnly.FromDateTime(site.Clock.GetUtcNow().UtcDateTime.AddDays(10));
        await admin.GotoAsync("/admin/plans/standard");
        await admin.GetByTestId("price-INR").FillAsync("49");
        await admin.GetByTestId("migrate").CheckAsync();
        await admin.GetByTestId("effective-date").FillAsync(date.ToString("yyyy-MM-dd"));
        await admin.GetByTestId("reason").FillAsync("One price for everyone");
        await admin.GetByTestId("review").ClickAsync();
        await Expect(admin.GetByTestId("plan-review").GetByTestId("impact-summary"))
            .ToContainTextAsync($"2 move at their first renewal on or after {date:d MMM yyyy}");
        await Expect(admin.GetByTestId("plan-review").GetByTestId("impact-revenue-INR").Locator("td")).ToHaveTextAsync(["₹68", "₹98"]);
        await admin.ScreenshotAsync("admin-plan-review-migrate");
        await admin.GetByTestId("confirm-save").ClickAsync();
        await Expect(admin.Locator(".notice-success")).ToContainTextAsync("Standard: version 3 is published.");

        // Before the date the renewal keeps version 1; after it, the renewal moves them to version 3.
        await subscriber.GotoAsync("/pricing");
        await Expect(subscriber.GetByTestId("renewal-terms")).ToContainTextAsync("Renewing keeps your terms: ₹29");
        site.Clock.Advance(TimeSpan.FromDays(11));
        await subscriber.GotoAsync("/pricing");
        await Expect(subscriber.GetByTestId("renewal-terms")).ToContainTextAsync("Renewing moves you to version 3: ₹49");
        await RenewAsync(subscriber, "Pay ₹49");
        await subscriber.GotoAsync("/dashboard");
        await Expect(subscriber.GetByTestId("plan-version")).ToHaveTextAsync("version 3");
        await admin.GotoAsync("/admin/plans");
        await Expect(admin.GetByTestId("subscribers-standard")).ToContainTextAsync("v2: 1 · v3: 1");

        foreach (var (path, name) in new[] { ("/admin/plans", "admin-plans-phone"), ("/admin/plans/standard", "admin-plan-edit-phone"),
                     ("/admin/plans/standard/history", "admin-plan-history-phone") })
        {
            await admin.SetViewportSizeAsync(390, 844);
            await admin.GotoAsync(path);
            await admin.ScreenshotAsync(name);
            await admin.AssertFitsTheWindowAsync();
        }

        await admin.SetViewportSizeAsync(1366, 900);
        await admin.GotoAsync("/admin/plans/standard");
        await admin.ScreenshotAsync("admin-plan-edit");
        await subscriber.SetViewportSizeAsync(390, 844);
        await subscriber.GotoAsync("/pricing");
        await subscriber.ScreenshotAsync("pricing-subscriber-phone");
        await subscriber.AssertFitsTheWindowAsync();
    }

    private static async Task BuyStandardAsync(IPage page, string button, string pay)
    {
        await page.GotoAsync("/pricing");
        await page.GetByTestId(button).ClickAsync();
        await Expect(page.GetByTestId("sandbox-pay")).ToHaveTextAsync(pay);
        await page.GetByTestId("sandbox-pay").ClickAsync();
        await Expect(page.GetByTestId("payment-result")).ToHaveAttributeAsync("data-status", "succeeded");
    }

    private static Task RenewAsync(IPage page, string pay) => BuyStandardAsync(page, "renew-plan-standard-sandbox", pay);
}
