using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Pages.Pricing;

public sealed class PricingPageTests(SqliteFreeApp app) : IClassFixture<SqliteFreeApp>
{
    [Fact]
    public async Task Visitors_see_the_three_plans_with_prices()
    {
        var page = await app.CreateBrowser().GetHtmlAsync("/pricing");

        var basic = page.QuerySelector("[data-testid=plan-basic]")!.TextContent;
        var standard = page.QuerySelector("[data-testid=plan-standard]")!.TextContent;
        var premium = page.QuerySelector("[data-testid=plan-premium]")!.TextContent;
        Assert.Contains("Free", basic);
        Assert.Contains("1,000", basic);
        Assert.Contains("₹29", standard);
        Assert.Contains("10,000", standard);
        Assert.Contains("₹99", premium);
        Assert.Contains("50,000", premium);
    }

    [Fact]
    public async Task A_user_sees_their_plan_and_cannot_upgrade_without_paying()
    {
        var client = await app.SignedUpAsync(Users.NewEmail());
        var page = await client.GetHtmlAsync("/pricing");

        Assert.NotNull(page.QuerySelector("[data-testid=plan-basic] [data-testid=current-plan]"));
        Assert.NotNull(page.QuerySelector("[data-testid=buy-plan-premium-sandbox]"));

        // Even a hand-made form post (with a valid antiforgery token) does not move them up.
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await client.PostAsync("/pricing?handler=Change", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["plan"] = "premium", ["__RequestVerificationToken"] = token }));
        Assert.Equal("/pricing", response.Location());
        var after = await client.GetHtmlAsync("/pricing");
        Assert.Contains("Upgrading needs a payment", after.QuerySelector("[role=status]")!.TextContent);
        Assert.NotNull(after.QuerySelector("[data-testid=plan-basic] [data-testid=current-plan]"));
    }

    [Fact]
    public async Task A_user_buys_a_plan_and_is_on_it_once_the_payment_settles()
    {
        var client = await app.SignedUpAsync(Users.NewEmail());

        var checkout = await client.SubmitFormAsync("/pricing", new Dictionary<string, string> { ["gateway"] = "sandbox" },
            "[data-testid=plan-standard] form", "[data-testid=buy-plan-standard-sandbox]");
        Assert.StartsWith("/checkout/sandbox/", checkout.Location());
        await client.SubmitFormAsync(checkout.Location()!, new Dictionary<string, string>(), "main form", "[data-testid=sandbox-pay]");
        var dashboard = await client.GetHtmlAsync("/dashboard");

        Assert.Equal("standard", dashboard.QuerySelector("[data-testid=plan-name]")!.TextContent);
        Assert.Equal("11,000", dashboard.QuerySelector("[data-testid=plan-quota]")!.TextContent);
    }

    [Fact]
    public async Task An_admin_moves_up_and_back_down_from_the_pricing_page()
    {
        var admin = app.CreateBrowser();
        await admin.LogInAsync(TestApp.AdminEmail, TestApp.AdminPassword);

        var up = await admin.SubmitFormAsync("/pricing", new Dictionary<string, string> { ["plan"] = "premium" },
            "[data-testid=plan-premium] form");
        var onPremium = await admin.GetHtmlAsync("/dashboard");
        var down = await admin.SubmitFormAsync("/pricing", new Dictionary<string, string> { ["plan"] = "basic" },
            "[data-testid=plan-basic] form");
        var onBasic = await admin.GetHtmlAsync("/dashboard");

        Assert.Equal("/dashboard", up.Location());
        Assert.Equal("premium", onPremium.QuerySelector("[data-testid=plan-name]")!.TextContent);
        Assert.Contains("You are now on the premium plan", onPremium.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal("/dashboard", down.Location());
        Assert.Equal("basic", onBasic.QuerySelector("[data-testid=plan-name]")!.TextContent);
        Assert.Equal("1,000", onBasic.QuerySelector("[data-testid=plan-quota]")!.TextContent);
    }

    [Fact]
    public async Task The_dashboard_shows_the_plan_the_daily_allowance_and_whether_a_website_can_be_made()
    {
        var client = await app.SignedUpAsync(Users.NewEmail());

        var page = await client.GetHtmlAsync("/dashboard");

        Assert.StartsWith("1,015", page.QuerySelector("[data-testid=dashboard-balance]")!.TextContent.Trim());
        Assert.Equal("basic", page.QuerySelector("[data-testid=plan-name]")!.TextContent);
        Assert.Equal("1,000", page.QuerySelector("[data-testid=plan-remaining]")!.TextContent);
        Assert.Equal("5", page.QuerySelector("[data-testid=daily-left]")!.TextContent);
        Assert.Matches(@"^\d+ (h \d+ )?min$", page.QuerySelector("[data-testid=countdown]")!.TextContent);
        Assert.Contains("Ready to create a website", page.QuerySelector("[data-testid=readiness]")!.TextContent);
    }
}
