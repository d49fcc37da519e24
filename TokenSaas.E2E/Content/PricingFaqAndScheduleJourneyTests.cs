using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TokenSaas.E2E.Infrastructure;
using TokenSaas.Identity;
using TokenSaas.Ledger;
using TokenSaas.Scheduling;
using static Microsoft.Playwright.Assertions;

namespace TokenSaas.E2E.Content;

/// <summary>
/// The rest of the pricing page's content: an FAQ entry and an approved testimonial show to visitors,
/// an unapproved one does not, and a scheduled intro goes live when the site's clock passes its time.
/// </summary>
public sealed class PricingFaqAndScheduleJourneyTests(ClockedSite site) : IClassFixture<ClockedSite>
{
    [Fact]
    public async Task Visitors_see_the_faq_and_approved_testimonials_and_a_scheduled_intro_once_its_time_comes()
    {
        var admin = await site.NewPageAsync(1366, 900);
        await admin.LogInAsync(DemoAccounts.AdminEmail, DemoAccounts.Password);

        await admin.GotoAsync("/admin/content/faq");
        await admin.GetByLabel("Category").FillAsync("Tokens");
        await admin.GetByLabel("Question", new() { Exact = true }).FillAsync("Do bought tokens expire?");
        await admin.GetByLabel("Answer (Markdown)").FillAsync("**Never.** Packs stay in your balance until you spend them.");
        await Expect(admin.Locator("#answer-preview strong")).ToHaveTextAsync("Never.");
        await admin.GetByLabel("Note for the audit log").FillAsync("First FAQ entry");
        await admin.GetByTestId("save-faq").ClickAsync();
        await Expect(admin.Locator(".notice-success")).ToContainTextAsync("Question added.");

        await admin.GotoAsync("/admin/content/testimonials");
        await AddTestimonialAsync(admin, "We stopped worrying about surprise bills.", "Asha Rao", "Designer, Kite Studio");
        await AddTestimonialAsync(admin, "Nobody should read this yet.", "Ravi Menon", "Draft quote");
        var asha = admin.Locator("[data-testid^='testimonial-row-']", new() { HasText = "Asha Rao" });
        await asha.GetByPlaceholder("Note (why)").FillAsync("Permission given by email");
        await asha.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Expect(admin.Locator(".notice-success")).ToContainTextAsync("Approved: it shows on /pricing.");
        await admin.ScreenshotAsync("content-testimonials");

        var visitor = await site.NewPageAsync(1366, 900);
        await visitor.GotoAsync("/pricing");
        var faq = visitor.GetByTestId("faq");
        await Expect(faq.Locator("h3")).ToHaveTextAsync("Tokens");
        await faq.GetByText("Do bought tokens expire?").ClickAsync();
        await Expect(faq.Locator("details[open] strong")).ToHaveTextAsync("Never.");
        var testimonials = visitor.GetByTestId("testimonials");
        await Expect(testimonials).ToContainTextAsync("We stopped worrying about surprise bills.");
        await Expect(testimonials).ToContainTextAsync("Asha Rao");
        await Expect(testimonials).Not.ToContainTextAsync("Nobody should read this yet.");
        await Expect(visitor.Locator("body")).Not.ToContainTextAsync("Ravi Menon");

        // Schedule a new intro for two hours from now, in the site's time zone as the form asks.
        var zone = site.Services.GetRequiredService<TokenCalendar>().Zone;
        var at = TimeZoneInfo.ConvertTime(site.Clock.GetUtcNow().AddHours(2), zone);
        await admin.GotoAsync("/admin/content/intro");
        await admin.GetByTestId("markdown").FillAsync("## The Diwali pricing is here\n\nEvery pack gets bonus tokens this week.");
        await Expect(admin.GetByTestId("preview").Locator("h2")).ToHaveTextAsync("The Diwali pricing is here");
        await admin.GetByLabel("Publish at").FillAsync(at.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await admin.GetByTestId("publish").ClickAsync();
        var confirm = admin.GetByTestId("admin-confirm");
        await Expect(confirm.Locator("h2")).ToHaveTextAsync("Schedule this version?");
        await confirm.GetByLabel("Note (kept with the version and in the audit log)").FillAsync("Diwali week");
        await confirm.GetByTestId("confirm-run").ClickAsync();
        await Expect(admin.Locator(".notice-success")).ToContainTextAsync("is scheduled for");
        await Expect(admin.GetByTestId("versions")).ToContainTextAsync("Diwali week");
        await Expect(admin.GetByTestId("markdown")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("The Diwali pricing is here"));
        await admin.ScreenshotAsync("content-scheduled");

        await visitor.ReloadAsync();
        await Expect(visitor.GetByTestId("pricing-intro")).Not.ToContainTextAsync("Diwali");
        await RunPublishJobAsync();
        await visitor.ReloadAsync();
        await Expect(visitor.GetByTestId("pricing-intro")).Not.ToContainTextAsync("Diwali");

        site.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        await RunPublishJobAsync();
        await visitor.GotoAsync("/pricing");
        await Expect(visitor.GetByTestId("pricing-intro").Locator("h2")).ToHaveTextAsync("The Diwali pricing is here");
        await visitor.ScreenshotAsync("pricing-page");
        await visitor.SetViewportSizeAsync(390, 844);
        await visitor.ScreenshotAsync("pricing-page-phone");
        await visitor.AssertFitsTheWindowAsync();

        await admin.GotoAsync("/admin/content/intro");
        await Expect(admin.GetByTestId("versions")).ToContainTextAsync("live");
        await admin.SetViewportSizeAsync(390, 844);
        await admin.GotoAsync("/admin/content/faq");
        await admin.ScreenshotAsync("content-faq-phone");
        await admin.AssertFitsTheWindowAsync();
    }

    private static async Task AddTestimonialAsync(IPage admin, string quote, string name, string role)
    {
        await admin.GetByLabel("Quote").FillAsync(quote);
        await admin.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await admin.GetByLabel("Role (optional)").FillAsync(role);
        await admin.GetByLabel("Note for the audit log").FillAsync("From the customer call");
        await admin.GetByTestId("save-testimonial").ClickAsync();
        await Expect(admin.Locator(".notice-success")).ToContainTextAsync("Testimonial added");
    }

    // What the scheduler does every minute (it is off on this site, whose clock the test moves).
    private Task RunPublishJobAsync() =>
        ActivatorUtilities.CreateInstance<ContentPublishJob>(site.Services).Execute(null!, CancellationToken.None).AsTask();
}
