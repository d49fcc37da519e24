using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TokenSaas.Data;
using TokenSaas.E2E.Infrastructure;
using TokenSaas.Identity;
using TokenSaas.Ledger;
using static Microsoft.Playwright.Assertions;

namespace TokenSaas.E2E.Analytics;

/// <summary>
/// A user with a week of ordinary spending suddenly spends fifty times their usual rate through the
/// API; without anyone running a check, the admin finds it in the bell and on /admin/alerts, and
/// acknowledges it.
/// </summary>
public sealed class AlertJourneyTests(ClockedSite site) : IClassFixture<ClockedSite>
{
    [Fact]
    public async Task An_admin_sees_a_users_spending_spike_and_acknowledges_it()
    {
        var email = Journeys.NewEmail();
        var userId = await UserWithAWeekOfUsualSpendingAsync(email);

        using var api = new HttpClient { BaseAddress = new Uri(site.BaseUrl) };
        var login = await api.PostAsJsonAsync("/api/auth/token", new { email, password = Journeys.Password });
        using var token = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.RootElement.GetProperty("access_token").GetString());
        for (var i = 0; i < 50; i++)
        {
            var spent = await api.PostAsJsonAsync("/api/v1/spend", new { feature = "create_website", quantity = 10, idempotency_key = $"spike-{i}" });
            Assert.True(spent.IsSuccessStatusCode, await spent.Content.ReadAsStringAsync());
        }

        await WaitForAlertAsync(userId);

        var admin = await site.NewPageAsync(1366, 900);
        await admin.LogInAsync(DemoAccounts.AdminEmail, DemoAccounts.Password);
        await admin.GotoAsync("/notifications");
        await Expect(admin.GetByTestId("notifications")).ToContainTextAsync($"Unusual spending by {email}");
        await admin.GotoAsync("/admin/alerts");
        var row = admin.Locator("tr[data-testid^='alert-']", new() { HasText = email });
        await Expect(row).ToContainTextAsync("Spent 500 tokens in the last hour, 50× their usual 10 per hour.");
        await Expect(row).ToContainTextAsync("Ongoing");
        await Expect(row.GetByRole(AriaRole.Link, new() { Name = email })).ToHaveAttributeAsync("href", $"/admin/users/{userId}");
        await admin.ScreenshotAsync("alerts-desktop");

        var phone = await site.NewPageAsync(390, 844);
        await phone.LogInAsync(DemoAccounts.AdminEmail, DemoAccounts.Password);
        await phone.GotoAsync("/admin/alerts");
        await Expect(phone.Locator("tr[data-testid^='alert-']", new() { HasText = email })).ToBeVisibleAsync();
        await phone.AssertFitsTheWindowAsync();
        await phone.ScreenshotAsync("alerts-phone");
        // The overview (another page's) loads the summary into its section; here it goes into this page's main, styles and all.
        await phone.EvaluateAsync("""
            async () => {
              const section = document.createElement('section');
              section.id = 'open-alerts';
              section.className = 'card';
              section.innerHTML = await (await fetch('/admin/alerts?handler=Summary')).text();
              document.querySelector('main').prepend(section);
            }
            """);
        await Expect(phone.Locator("#open-alerts h2")).ToHaveTextAsync("Alerts");
        await Expect(phone.Locator("#open-alerts")).ToContainTextAsync(email);
        await phone.AssertFitsTheWindowAsync();
        await phone.ScreenshotAsync("alerts-summary-phone");

        await row.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Expect(admin.Locator(".notice-success, [role=status]").First).ToContainTextAsync("acknowledged");
        var acknowledged = admin.Locator("tr[data-testid^='alert-']", new() { HasText = email });
        await Expect(acknowledged).ToContainTextAsync("Acknowledged");
        await Expect(acknowledged.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" })).ToHaveCountAsync(0);
        await admin.GotoAsync("/admin/alerts?status=open");
        await Expect(admin.Locator("tr[data-testid^='alert-']", new() { HasText = email })).ToHaveCountAsync(0);
        await admin.ScreenshotAsync("alerts-acknowledged-desktop");
    }

    /// <summary>60 tokens every six hours for a week (10 an hour), the site's clock moved along with it.</summary>
    private async Task<string> UserWithAWeekOfUsualSpendingAsync(string email)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<Registration>().EnsureUserAsync(email, Journeys.Password, null);
        var ledger = scope.ServiceProvider.GetRequiredService<LedgerService>();
        await ledger.GrantAsync(user.Id, new TokenGrant(GrantBucket.Purchased, 5_000, "e2e", $"alerts-{user.Id}", "e2e", "Tokens for the journey"));
        for (var hour = 0; hour < 24 * 7; hour += 6)
        {
            var spent = await ledger.SpendAsync(user.Id, "create_website", 60, $"usual-{hour}");
            Assert.True(spent.Succeeded, spent.Failure?.Message);
            site.Clock.Advance(TimeSpan.FromHours(6));
        }

        return user.Id;
    }

    /// <summary>The spend worker checks a few seconds after the spends; no one runs a check by hand.</summary>
    private async Task WaitForAlertAsync(string userId)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            await using var scope = site.Services.CreateAsyncScope();
            var observed = await scope.ServiceProvider.GetRequiredService<AppDbContext>().AdminAlerts
                .Where(a => a.Subject == userId).Select(a => (long?)a.Observed).FirstOrDefaultAsync();
            if (observed == 500)
            {
                return;
            }

            await Task.Delay(250);
        }

        Assert.Fail("No alert was raised for the spike within a minute.");
    }
}
