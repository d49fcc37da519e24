using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Audit;
using TokenSaas.Payments;
using TokenSaas.Plans;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Admin;

public abstract class PlansPageTests(TestApp app)
{
    [Fact]
    public async Task The_admin_publishes_a_price_rise_from_the_editor_and_the_history_and_audit_show_it()
    {
        var key = await NewPlanAsync();
        var admin = await app.AdminBrowserAsync();

        var saved = await admin.SubmitFormAsync($"/admin/plans/{key}", new Dictionary<string, string>
        {
            ["Form.Prices[0].Amount"] = "39.50", ["Form.Reason"] = "Costs went up", ["Form.Description"] = "For teams",
        }, "#plan-form", "[data-testid=review]");
        var review = await saved.ReadHtmlAsync();
        Assert.Contains("Publishes version 2.", review.QuerySelector("[data-testid=plan-review] [data-testid=impact-summary]")!.TextContent);

        var published = await admin.SubmitFormAsync($"/admin/plans/{key}", new Dictionary<string, string>
        {
            ["Form.Prices[0].Amount"] = "39.50", ["Form.Reason"] = "Costs went up", ["Form.Description"] = "For teams",
        }, "#plan-form", postTo: $"/admin/plans/{key}?handler=Save");

        Assert.Equal($"/admin/plans/{key}", published.Location());
        var history = await admin.GetHtmlAsync($"/admin/plans/{key}/history");
        Assert.Contains("₹19 · $5.00, 2,000 tokens a month, 30 days", history.QuerySelector("[data-testid=version-2]")!.TextContent);
        Assert.Contains("₹39.5 · $5.00, 2,000 tokens a month, 30 days", history.QuerySelector("[data-testid=version-2]")!.TextContent);
        Assert.Contains("Costs went up", history.QuerySelector("[data-testid=version-2]")!.TextContent);
        var audit = (await app.AuditRowsAsync(key)).Last();
        Assert.Equal((AuditActions.PlanVersion, "Costs went up", TestApp.AdminEmail), (audit.Action, audit.Reason, audit.ActorEmail));
        Assert.Contains("\"amount\":1900", audit.Before);
        Assert.Contains("\"amount\":3950", audit.After);
    }

    [Theory]
    [InlineData("Form.Prices[0].Amount", "-5", "The INR price must be 0 or more")]
    [InlineData("Form.Prices[0].Amount", "19.555", "The INR price \"19.555\" is not an amount")]
    [InlineData("Form.Prices[0].Amount", "abc", "The INR price \"abc\" is not an amount")]
    [InlineData("Form.MonthlyTokens", "-1", "Monthly tokens must be a whole number")]
    [InlineData("Form.Reason", "", "Say why")]
    [InlineData("Form.DurationDays", "", "A paid plan needs a duration")]
    public async Task Bad_input_in_the_editor_is_explained_and_changes_nothing(string field, string value, string message)
    {
        var key = await NewPlanAsync();
        var admin = await app.AdminBrowserAsync();
        var fields = new Dictionary<string, string> { ["Form.Reason"] = "Try", [field] = value };

        var response = await admin.SubmitFormAsync($"/admin/plans/{key}", fields, "#plan-form", postTo: $"/admin/plans/{key}?handler=Save");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains((await response.ReadHtmlAsync()).FormErrors(), e => e.StartsWith(message));
        var plan = await app.WithDbAsync(db => db.Plans.AsNoTracking().Include(p => p.Prices).SingleAsync(p => p.Key == key));
        Assert.Equal((1, 1_900L), (plan.Version, plan.Prices.Single(p => p.Currency == "INR").Amount));
    }

    [Fact]
    public async Task A_name_with_script_is_shown_as_text_on_the_pricing_page()
    {
        var key = await NewPlanAsync("<script>alert(1)</script>");

        var page = await app.CreateBrowser().GetHtmlAsync("/pricing");

        Assert.Equal("<script>alert(1)</script>", page.QuerySelector($"[data-testid=plan-{key}] h2")!.TextContent);
        Assert.Empty(page.QuerySelectorAll($"[data-testid=plan-{key}] script"));
    }

    [Fact]
    public async Task The_plan_list_counts_subscribers_and_an_unknown_plan_is_not_found()
    {
        var admin = await app.AdminBrowserAsync();

        var list = await admin.GetHtmlAsync("/admin/plans");

        Assert.NotNull(list.QuerySelector("[data-testid=plan-row-standard]"));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/plans/no_such_plan")).StatusCode);
    }

    private async Task<string> NewPlanAsync(string name = "Team")
    {
        var key = "team_" + Guid.NewGuid().ToString("N")[..8];
        var saved = await app.WithScopeAsync(s => s.GetRequiredService<PlanEditor>().CreateAsync(new PlanInput
        {
            Key = key, Name = name, MonthlyTokens = 2_000, DurationDays = 30, SortOrder = 90, Reason = "A plan for this test",
            Prices = [new PriceInput("INR", 1_900), new PriceInput("USD", 500)],
        }, Admins.Actor, CancellationToken.None));
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Values));
        return key;
    }
}

public sealed class PlansPageTests_Sqlite(SqliteApp app) : PlansPageTests(app), IClassFixture<SqliteApp>;

public sealed class PlansPageTests_Postgres(PostgresApp app) : PlansPageTests(app), IClassFixture<PostgresApp>;
