using Microsoft.Playwright;
using TokenSaas.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TokenSaas.E2E.Account;

[Collection(SiteCollection.Name)]
public sealed class SignUpJourneyTests(Site site)
{
    [Fact]
    public async Task A_new_user_signs_up_sees_their_free_tokens_logs_out_and_back_in()
    {
        var page = await site.NewPageAsync();
        var email = Journeys.NewEmail();
        await page.GotoAsync("/");
        await page.ScreenshotAsync("home");
        await page.GotoAsync("/account/register");
        await page.ScreenshotAsync("register");

        await page.RegisterAsync(email);

        await Expect(page).ToHaveURLAsync(site.BaseUrl + "/dashboard");
        await Expect(page.NavbarBalance()).ToHaveTextAsync(Journeys.StartingBalance);
        await Expect(page.GetByTestId("activity")).ToContainTextAsync("Welcome bonus");
        await page.ScreenshotAsync("dashboard-after-sign-up");

        await page.LogOutAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("You have been logged out.");
        await Expect(page.NavbarBalance()).ToHaveCountAsync(0);

        await page.GotoAsync("/account/login");
        await page.ScreenshotAsync("login");
        await page.LogInAsync(email);

        // The day's first log-in adds the 2-token login bonus.
        await Expect(page).ToHaveURLAsync(site.BaseUrl + "/dashboard");
        await Expect(page.NavbarBalance()).ToHaveTextAsync("1,017");
        await page.GotoAsync("/notifications");
        await page.ScreenshotAsync("notifications");
    }

    [Fact]
    public async Task Signing_up_with_a_taken_email_shows_why_and_stays_on_the_form()
    {
        var email = Journeys.NewEmail();
        await (await site.NewPageAsync()).RegisterAsync(email);
        var page = await site.NewPageAsync();

        await page.RegisterAsync(email);

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync($"Email '{email}' is already taken.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Create your account" })).ToBeVisibleAsync();
        await page.ScreenshotAsync("register-taken");
    }

    /// <summary>The main user pages on a phone: nothing cut off, each screenshot scanned by axe.</summary>
    [Fact]
    public async Task The_site_is_usable_on_a_phone_sized_screen()
    {
        var page = await site.NewPageAsync(390, 844);
        var email = Journeys.NewEmail();
        foreach (var (path, name) in new[] { ("/", "home-phone"), ("/account/register", "register-phone") })
        {
            await page.GotoAsync(path);
            await page.AssertFitsTheWindowAsync();
            await page.ScreenshotAsync(name);
        }

        await page.RegisterAsync(email);

        await Expect(page.NavbarBalance()).ToHaveTextAsync(Journeys.StartingBalance);
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "The dashboard scrolls sideways on a phone.");
        await page.ScreenshotAsync("dashboard-phone");
        foreach (var (path, name) in new[]
        {
            ("/studio", "studio-phone"), ("/history", "history-phone"), ("/tokens/buy", "buy-phone"),
            ("/notifications", "notifications-phone"), ("/tokens/gift", "gift-phone"),
        })
        {
            await page.GotoAsync(path);
            await page.AssertFitsTheWindowAsync();
            await page.ScreenshotAsync(name);
        }

        await Expect(page.GetByTestId("gift-max")).ToHaveTextAsync("You can give up to 10 tokens.");
        await page.Context.ClearCookiesAsync();
        await page.GotoAsync("/account/login");
        await page.AssertFitsTheWindowAsync();
        await page.ScreenshotAsync("login-phone");
    }
}
