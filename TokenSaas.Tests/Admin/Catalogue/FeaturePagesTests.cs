using System.Net;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Audit;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Admin.Catalogue;

/// <summary>/admin/features as an admin uses it in a browser: the list with margins, forms with a confirm step, the cost history.</summary>
public abstract class FeaturePagesTests(TestApp app)
{
    [Fact]
    public async Task A_cost_change_from_the_form_shows_in_the_studio_at_once_and_in_the_history()
    {
        var user = await app.SignedUpAsync(Users.NewEmail());
        var studioBefore = await user.GetHtmlAsync("/studio");
        var admin = await app.AdminBrowserAsync();

        var description = (await admin.GetHtmlAsync("/admin/features/summarize")).QuerySelector("#feature-description")!.TextContent;
        // SubmitFormAsync posts inputs only; a browser posts the textarea too.
        var review = await admin.SubmitFormAsync("/admin/features/summarize", new Dictionary<string, string>
        {
            ["Input.Cost"] = "4", ["Input.Description"] = description, ["Input.Reason"] = "Longer summaries cost more",
        }, "#feature-form");
        var confirm = await review.ReadHtmlAsync();
        var saved = await admin.ConfirmAsync(confirm);
        var page = await admin.GetHtmlAsync(saved.Location()!);
        var studioAfter = await user.GetHtmlAsync("/studio");

        Assert.Equal("3 tokens", studioBefore.QuerySelector("[data-testid=feature-summarize] .tag")!.TextContent);
        Assert.Equal(new Dictionary<string, string> { ["Cost"] = "3 tokens → 4 tokens" }, confirm.Changes());
        Assert.Equal("Summarize was saved.", page.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal("4 tokens", studioAfter.QuerySelector("[data-testid=feature-summarize] .tag")!.TextContent);
        var newest = page.QuerySelectorAll("[data-testid=cost-history] tbody tr").First().QuerySelectorAll("td").Select(td => td.TextContent).ToList();
        Assert.Equal(["3 tokens → 4 tokens", "not set", "Longer summaries cost more", TestApp.AdminEmail], newest.Take(4));
        var audit = (await app.AuditAsync(AuditTargets.Feature, "summarize")).Last();
        Assert.Equal((AuditActions.FeatureCost, """{"cost":3}""", """{"cost":4}"""), (audit.Action, audit.Before, audit.After));
    }

    [Fact]
    public async Task An_admin_creates_a_feature_from_the_form_and_it_is_listed_with_its_margin()
    {
        var admin = await app.AdminBrowserAsync();
        var key = CatalogueSteps.NewKey("form");

        var review = await admin.SubmitFormAsync("/admin/features/new", new Dictionary<string, string>
        {
            ["Input.Key"] = key, ["Input.Name"] = "Voice over", ["Input.Category"] = "Media", ["Input.Description"] = "Read a script aloud.",
            ["Input.Cost"] = "10", ["Input.CostPerUse"] = "2", ["Input.Reason"] = "New TTS provider",
        }, "#feature-form");
        var confirm = await review.ReadHtmlAsync();
        var saved = await admin.ConfirmAsync(confirm);
        var page = await admin.GetHtmlAsync(saved.Location()!);
        var found = await admin.GetHtmlAsync($"/admin/features?q={key}&category=Media");

        Assert.Equal("10 tokens", confirm.Changes()["Cost"]);
        Assert.Equal("₹2", confirm.Changes()["Cost per use"]);
        Assert.Equal("Voice over was created.", page.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal("10 tokens", page.QuerySelector("[data-testid=cost-history] td[data-label=Cost]")!.TextContent);
        var row = Assert.Single(found.QuerySelectorAll("[data-testid=features] tbody tr"));
        Assert.Equal(key, row.GetAttribute("data-feature"));
        // A token sells for ₹0.9091 at least (₹5,000 for 5,000 + 500 bonus): a use earns ₹9.09 and costs us ₹2.
        Assert.Equal("78 % earns ₹9.0909, costs ₹2", string.Join(" ", row.QuerySelector("[data-testid=margin]")!.TextContent.Split(default(char[]), StringSplitOptions.RemoveEmptyEntries)));
        Assert.StartsWith("1 of ", found.QuerySelector("[data-testid=features-total]")!.TextContent);
    }

    [Theory]
    [InlineData("Input.Cost", "-1", "Enter the cost as a whole number of tokens from 0 (free) to 1,000,000.")]
    [InlineData("Input.Cost", "abc", "Enter the cost as a whole number of tokens from 0 (free) to 1,000,000.")]
    [InlineData("Input.Cost", "1.5", "Enter the cost as a whole number of tokens from 0 (free) to 1,000,000.")]
    [InlineData("Input.Cost", "1000001", "Enter the cost as a whole number of tokens from 0 (free) to 1,000,000.")]
    [InlineData("Input.CostPerUse", "-0.5", "Enter what one use costs us in INR, from ₹0 to ₹10,000,000 (such as 0.4), or leave it empty.")]
    [InlineData("Input.CostPerUse", "0.001", "Enter what one use costs us in INR, from ₹0 to ₹10,000,000 (such as 0.4), or leave it empty.")]
    [InlineData("Input.Name", "", "Give the feature's name.")]
    [InlineData("Input.Category", "", "Give the category.")]
    [InlineData("Input.Description", "LONG501", "Keep the description to 500 characters (it has 501).")]
    [InlineData("Input.Key", "create_website", "A feature with the key 'create_website' already exists; choose another key.")]
    [InlineData("Input.Reason", "", "Give a reason: it is kept in the audit log.")]
    public async Task Bad_form_input_is_shown_next_to_its_field_and_saves_nothing(string field, string value, string message)
    {
        var admin = await app.AdminBrowserAsync();
        var fields = new Dictionary<string, string>
        {
            ["Input.Key"] = CatalogueSteps.NewKey("bad"), ["Input.Name"] = "Bad feature", ["Input.Category"] = "Tests", ["Input.Description"] = "",
            ["Input.Cost"] = "1", ["Input.CostPerUse"] = "", ["Input.Reason"] = "test",
        };
        fields[field] = value.Replace("LONG501", new string('d', 501));
        var features = await app.WithDbAsync(db => db.Features.CountAsync());

        var page = await (await admin.SubmitFormAsync("/admin/features/new", fields, "#feature-form")).ReadHtmlAsync();

        var errorId = field == "Input.CostPerUse" ? "feature-cpu-error" : $"feature-{field[6..].ToLowerInvariant()}-error";
        Assert.Equal(message, page.GetElementById(errorId)?.TextContent);
        Assert.Equal([message], page.FormErrors());
        Assert.Null(page.QuerySelector("[data-testid=confirm-run]"));
        Assert.Equal(features, await app.WithDbAsync(db => db.Features.CountAsync()));
    }

    [Fact]
    public async Task Hiding_a_feature_from_its_page_takes_it_out_of_the_studio()
    {
        var admin = await app.AdminBrowserAsync();
        admin.DefaultRequestHeaders.Add("HX-Request", "true");
        var user = await app.SignedUpAsync(Users.NewEmail());

        var refused = await (await admin.SubmitFormAsync("/admin/features/grammar_check", new Dictionary<string, string> { ["Input.Reason"] = "" },
            "[data-testid=visibility] form")).ReadHtmlAsync();
        var review = await admin.SubmitFormAsync("/admin/features/grammar_check", new Dictionary<string, string> { ["Input.Reason"] = "Provider outage" },
            "[data-testid=visibility] form");
        var confirm = await review.ReadHtmlAsync();
        var saved = await admin.ConfirmAsync(confirm);
        var studio = await user.GetHtmlAsync("/studio");
        var hidden = await admin.GetHtmlAsync("/admin/features?status=hidden");

        Assert.Equal(["Give a reason: it is kept in the audit log."], refused.FormErrors());
        Assert.Equal(new Dictionary<string, string> { ["Status"] = "active → hidden" }, confirm.Changes());
        Assert.Equal("/admin/features/grammar_check", saved.Headers.GetValues("HX-Redirect").Single());
        Assert.Null(studio.QuerySelector("[data-testid=feature-grammar_check]"));
        Assert.Equal(HttpStatusCode.NotFound, (await user.GetAsync("/studio/grammar_check")).StatusCode);
        Assert.NotNull(hidden.QuerySelector("tr[data-feature=grammar_check]"));
        Assert.Equal(AuditActions.FeatureUpdate, (await app.AuditAsync(AuditTargets.Feature, "grammar_check")).Last().Action);
    }

    [Fact]
    public async Task A_feature_added_for_the_api_alone_is_not_offered_in_the_studio()
    {
        var key = CatalogueSteps.NewKey("api");
        await app.CreateFeatureAsync(key, cost: 2);
        var user = await app.SignedUpAsync(Users.NewEmail());

        var studio = await user.GetHtmlAsync("/studio");

        Assert.NotNull(studio.QuerySelector("[data-testid=feature-create_website]"));
        Assert.Null(studio.QuerySelector($"[data-testid=feature-{key}]"));
        Assert.Equal(HttpStatusCode.NotFound, (await user.GetAsync($"/studio/{key}")).StatusCode);
    }

    [Fact]
    public async Task A_script_in_a_feature_name_is_shown_as_text_and_a_search_without_matches_says_so()
    {
        var key = CatalogueSteps.NewKey("xss");
        var created = await app.AdminApi().PostRawAsync("/api/admin/features",
            $$"""{"key":"{{key}}","name":"<img src=x onerror=alert(1)>","category":"<b>Bold</b>","cost":1,"reason":"test","idempotency_key":"xss-{{key}}"}""");
        var admin = await app.AdminBrowserAsync();

        var list = await (await admin.GetAsync("/admin/features")).Content.ReadAsStringAsync();
        var edit = await (await admin.GetAsync($"/admin/features/{key}")).Content.ReadAsStringAsync();
        var none = await admin.GetHtmlAsync("/admin/features?q=nothing-is-called-this");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        foreach (var html in new[] { list, edit })
        {
            Assert.DoesNotContain("<img src=x", html);
            Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html);
            Assert.DoesNotContain("<b>Bold</b>", html);
        }

        Assert.Equal("No feature matches", none.QuerySelector("[data-testid=features-empty] h2")!.TextContent);
    }
}

public sealed class FeaturePagesTests_Sqlite(SqliteApp app) : FeaturePagesTests(app), IClassFixture<SqliteApp>;

public sealed class FeaturePagesTests_Postgres(PostgresApp app) : FeaturePagesTests(app), IClassFixture<PostgresApp>;
