using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TokenSaas.Data;
using TokenSaas.E2E.Infrastructure;
using TokenSaas.Identity;
using TokenSaas.Ledger;
using static Microsoft.Playwright.Assertions;

namespace TokenSaas.E2E.Admin;

[Collection(AdminSiteCollection.Name)]
public sealed class BulkAllocationJourneyTests(AdminSite site)
{
    [Fact]
    public async Task The_admin_uploads_1000_rows_sees_the_3_bad_ones_runs_it_downloads_the_result_and_reverses_it()
    {
        var emails = await CreateUsersAsync(997);
        var csv = new StringBuilder("email,amount,expires_at,reason\n");
        for (var i = 0; i < emails.Count; i++)
        {
            csv.Append($"{emails[i]},{5 + i % 3},,\n");
            if (i == 100)
            {
                csv.Append("nobody-at-all@example.com,5,,\n");
            }
            else if (i == 500)
            {
                csv.Append($"{emails[7]},5,,\n");
            }
            else if (i == 900)
            {
                csv.Append($"{emails[900]}x,ten,,=cmd|' /C calc'!A0\n");
            }
        }

        var page = await site.NewPageAsync(1366, 900);
        await page.LogInAsync(DemoAccounts.AdminEmail, DemoAccounts.Password);
        await page.GotoAsync("/admin/users");
        await page.GetByRole(AriaRole.Link, new() { Name = "Bulk allocation from CSV" }).ClickAsync();
        await page.GetByLabel("CSV file").SetInputFilesAsync(new FilePayload
        {
            Name = "spring-campaign.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv.ToString()),
        });
        await page.GetByLabel("Reason", new() { Exact = true }).FillAsync("Spring campaign");
        await page.ScreenshotAsync("bulk-upload");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the file" }).ClickAsync();

        await Expect(page.GetByTestId("bulk-check-summary")).ToContainTextAsync("997 of 1,000 rows are valid");
        var problems = page.GetByTestId("bulk-problems").Locator("tbody tr");
        await Expect(problems).ToHaveCountAsync(3);
        await Expect(problems.Nth(0)).ToContainTextAsync("102");
        await Expect(problems.Nth(0)).ToContainTextAsync("nobody-at-all@example.com");
        await Expect(problems.Nth(1)).ToContainTextAsync("503");
        await Expect(problems.Nth(2)).ToContainTextAsync("904");
        await page.ScreenshotAsync("bulk-dry-run");

        var before = await BalanceAsync(emails[0]);
        await page.GetByTestId("bulk-review").ClickAsync();
        await Expect(page.GetByTestId("bulk-confirm-text")).ToContainTextAsync("997 users");
        await page.GetByTestId("bulk-start").ClickAsync();
        await Expect(page.GetByTestId("bulk-progress")).ToBeVisibleAsync();
        await page.ScreenshotAsync("bulk-running");
        await Expect(page.GetByTestId("bulk-progress")).ToHaveAttributeAsync("data-status", "done", new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("bulk-progress")).ToContainTextAsync("997 of 997");
        await Expect(page.GetByRole(AriaRole.Progressbar, new() { Name = "Rows granted or failed" })).ToHaveAttributeAsync("aria-valuenow", "100");
        await page.ScreenshotAsync("bulk-done");
        Assert.Equal(before + 5, await BalanceAsync(emails[0]));

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("bulk-results").ClickAsync());
        var lines = File.ReadAllLines((await download.PathAsync())!);
        Assert.Equal(1001, lines.Length);
        Assert.Equal(997, lines.Count(l => l.Contains(",granted,", StringComparison.Ordinal) || l.Contains("\"granted\"", StringComparison.Ordinal)));
        Assert.DoesNotContain(lines, l => l.Split(',').Any(cell => cell.TrimStart('"').StartsWith('=')));

        await page.GetByLabel("Reason for reversing").FillAsync("Sent to the wrong list");
        await page.GetByTestId("bulk-reverse-review").ClickAsync();
        await page.GetByTestId("bulk-reverse").ClickAsync();
        await Expect(page.GetByTestId("bulk-progress")).ToHaveAttributeAsync("data-status", "reversed", new() { Timeout = 60_000 });
        Assert.Equal(before, await BalanceAsync(emails[0]));
        await page.ScreenshotAsync("bulk-reversed");
        var batchUrl = page.Url;

        await page.GotoAsync("/admin/jobs");
        await Expect(page.GetByTestId("bulk-batches")).ToContainTextAsync("reversed");
        await page.GotoAsync(batchUrl);

        await page.SetViewportSizeAsync(390, 844);
        await page.ReloadAsync();
        await page.AssertFitsTheWindowAsync();
        await page.ScreenshotAsync("bulk-reversed-phone");
    }

    private async Task<List<string>> CreateUsersAsync(int count)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var users = Enumerable.Range(0, count).Select(i => $"bulk-{tag}-{i:D4}@example.com").Select(email => new AppUser
        {
            UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
            SecurityStamp = Guid.NewGuid().ToString("N"), CreatedAt = DateTime.UtcNow,
        }).ToList();
        db.Users.AddRange(users);
        await db.SaveChangesAsync();
        return users.Select(u => u.Email!).ToList();
    }

    private async Task<long> BalanceAsync(string email)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var userId = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return (await scope.ServiceProvider.GetRequiredService<LedgerService>().GetBalanceAsync(userId)).Total;
    }
}
