using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TokenSaas.Analytics.Exports;
using TokenSaas.E2E.Infrastructure;
using TokenSaas.Identity;
using static Microsoft.Playwright.Assertions;

namespace TokenSaas.E2E.Analytics;

[Collection(AdminSiteCollection.Name)]
public sealed partial class ExportJourneyTests(AdminSite site)
{
    [Fact]
    public async Task The_admin_downloads_the_last_7_days_of_payments_and_finds_the_one_just_made()
    {
        var buyer = await site.NewPageAsync();
        var email = Journeys.NewEmail();
        await buyer.RegisterAsync(email);
        await buyer.GotoAsync("/tokens/buy");
        await buyer.GetByTestId("pack-inr_500").GetByRole(AriaRole.Link).ClickAsync();
        await buyer.GetByTestId("buy-confirm").ClickAsync();
        await Expect(buyer).ToHaveURLAsync(PaymentUrl());
        var paymentId = PaymentUrl().Match(buyer.Url).Groups[1].Value;
        await buyer.GetByTestId("sandbox-pay").ClickAsync();
        await Expect(buyer.GetByTestId("payment-result")).ToContainTextAsync("500 tokens were added");

        var admin = await site.NewPageAsync(1366, 900);
        await admin.LogInAsync(DemoAccounts.AdminEmail, DemoAccounts.Password);
        await admin.GotoAsync("/admin/payments");
        await admin.GetByTestId("to-exports").ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Exports", Level = 1 })).ToBeVisibleAsync();
        await admin.GetByTestId("range-7").ClickAsync();
        await Expect(admin.GetByTestId("range-7")).ToHaveAttributeAsync("aria-current", "true");
        await admin.ScreenshotAsync("exports");
        var download = await admin.RunAndWaitForDownloadAsync(() => admin.GetByTestId("download-payments").ClickAsync());

        Assert.Matches(@"^tokensaas-payments-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$", download.SuggestedFilename);
        var lines = await File.ReadAllLinesAsync(await download.PathAsync());
        Assert.Equal(ExportCatalog.Payments.Header, lines[0]);
        var row = Assert.Single(lines, l => l.StartsWith($"\"{paymentId}\",", StringComparison.Ordinal));
        Assert.Contains($"\"{email}\"", row);
        Assert.Contains(",\"inr_500\",", row);
        Assert.Contains(",succeeded,", row);

        await admin.GetByLabel("From").FillAsync("2026-02-10");
        await admin.GetByLabel("To").FillAsync("2026-02-01");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Use these dates" }).ClickAsync();
        await Expect(admin.GetByTestId("range-error")).ToHaveTextAsync("to must be on or after from");
        await admin.ScreenshotAsync("exports-bad-range");

        await admin.GetByTestId("range-30").ClickAsync();
        await admin.SetViewportSizeAsync(390, 844);
        await Expect(admin.GetByTestId("download-redemptions")).ToBeVisibleAsync();
        await admin.ScreenshotAsync("exports-phone");
        await admin.AssertFitsTheWindowAsync();
    }

    [GeneratedRegex("/checkout/sandbox/(pay_[0-9a-f]+)")]
    private static partial Regex PaymentUrl();
}
