using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TokenSaas.E2E.Infrastructure;
using TokenSaas.Identity;
using static Microsoft.Playwright.Assertions;

namespace TokenSaas.E2E.Admin;

[Collection(SiteCollection.Name)]
public sealed class BulkAllocationJourneyTests(Site site)
{
    [Fact]
    public async Task The_admin_checks_a_CSV_grants_it_watches_the_progress_and_reverses_it()
    {
        var emails = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            await using var scope = site.Services.CreateAsyncScope();
            emails.Add((await scope.ServiceProvider.GetRequiredService<Registration>()
                .EnsureUserAsync(Journeys.NewEmail(), Journeys.Password, null)).Email!);
        }

        var csv = "email,amount,reason\n" + string.Concat(emails.Select(e => $"{e},100,\n")) + "someone-else@example.com,5,\n";
        var page = await site.NewPageAsync();
        await page.LogInAsync(DemoAccounts.AdminEmail, DemoAccounts.Password);

        await page.GotoAsync("/admin/users/bulk");
        await page.GetByLabel("CSV file").SetInputFilesAsync(new FilePayload
        {
            Name = "launch-thanks.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv),
        });
        await page.GetByLabel("Reason", new() { Exact = true }).FillAsync("Launch thank-you");
        await page.ScreenshotAsync("bulk-upload");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the file" }).ClickAsync();

        await Expect(page.GetByTestId("bulk-check-summary")).ToContainTextAsync("3 of 4 rows are valid");
        await Expect(page.GetByTestId("bulk-problems")).ToContainTextAsync("No user has this email.");
        await page.ScreenshotAsync("bulk-check");
        await page.GetByRole(AriaRole.Button, new() { Name = "Grant 300 tokens to 3 users…" }).ClickAsync();
        await Expect(page.GetByTestId("bulk-confirm-text")).ToContainTextAsync("Grant 300 bonus tokens to 3 users");
        await page.GetByRole(AriaRole.Button, new() { Name = "Grant 300 tokens to 3 users", Exact = true }).ClickAsync();

        await Expect(page.GetByTestId("bulk-progress")).ToHaveAttributeAsync("data-status", "done");
        await Expect(page.GetByTestId("bulk-results")).ToBeVisibleAsync();
        await page.ScreenshotAsync("bulk-done");
        await page.GetByLabel("Reason for reversing").FillAsync("Sent to the wrong list");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reverse this batch…" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, reverse this batch" }).ClickAsync();

        await Expect(page.GetByTestId("bulk-progress")).ToHaveAttributeAsync("data-status", "reversed");
        await page.ScreenshotAsync("bulk-reversed");
        await page.GotoAsync("/admin/jobs");
        await Expect(page.GetByTestId("bulk-batches")).ToContainTextAsync("reversed");
    }
}
