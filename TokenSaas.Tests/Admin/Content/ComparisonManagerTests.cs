using System.Net;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Audit;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Admin.Content;

/// <summary>/admin/content/comparison and GET /api/admin/content/comparison: manual rows beside the generated ones, audited.</summary>
public abstract class ComparisonManagerTests(TestApp app)
{
    private const string Page = "/admin/content/comparison";

    [Fact]
    public async Task An_added_row_is_audited_and_shows_in_the_table_and_the_api()
    {
        var admin = await app.AdminBrowserAsync();
        var label = $"API access {Guid.NewGuid():N}"[..30];

        var response = await admin.SubmitFormAsync(Page, new Dictionary<string, string>
        {
            ["Form.Label"] = label, ["Form.Cells[basic]"] = "", ["Form.Cells[standard]"] = "Read only", ["Form.Cells[premium]"] = "YES",
            ["Form.Note"] = "Launch of the API",
        }, "#comparison-form");
        var row = await app.WithDbAsync(db => db.ComparisonRows.AsNoTracking().SingleAsync(r => r.Label == label));
        using var json = await (await app.AdminApi().GetAsync("/api/admin/content/comparison")).ReadJsonAsync();
        var apiRows = json.RootElement.GetProperty("rows").EnumerateArray().ToList();

        Assert.Equal(Page, response.Location());
        Assert.Equal(new Dictionary<string, string> { ["standard"] = "Read only", ["premium"] = "yes" }, row.Cells);
        var audit = Assert.Single(await app.AuditRowsAsync($"comparison:{row.Id}"));
        Assert.Equal((AuditActions.ContentComparison, "Launch of the API"), (audit.Action, audit.Reason));
        Assert.Equal(["basic", "standard", "premium"], json.RootElement.GetProperty("plans").EnumerateArray().Select(p => p.GetProperty("id").GetString()));
        Assert.True(apiRows[0].GetProperty("generated").GetBoolean());
        var mine = apiRows.Single(r => r.GetProperty("label").GetString() == label);
        Assert.False(mine.GetProperty("generated").GetBoolean());
        Assert.Equal(["no", "Read only", "yes"], mine.GetProperty("cells").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task An_unknown_plan_or_a_missing_label_is_refused_and_nothing_is_written()
    {
        var admin = await app.AdminBrowserAsync();
        var before = await app.WithDbAsync(db => db.ComparisonRows.CountAsync());

        var response = await admin.SubmitFormAsync(Page, new Dictionary<string, string>
        {
            ["Form.Label"] = "", ["Form.Cells[gold]"] = "yes", ["Form.Note"] = "Try",
        }, "#comparison-form");
        var errors = (await response.ReadHtmlAsync()).FormErrors();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The label is required.", errors);
        Assert.Contains("There is no plan on sale with the id \"gold\".", errors);
        Assert.Equal(before, await app.WithDbAsync(db => db.ComparisonRows.CountAsync()));
    }

    [Fact]
    public async Task A_deleted_row_leaves_the_pricing_page_and_is_audited()
    {
        var admin = await app.AdminBrowserAsync();
        var label = $"Gone {Guid.NewGuid():N}"[..20];
        await admin.SubmitFormAsync(Page, new Dictionary<string, string> { ["Form.Label"] = label, ["Form.Note"] = "Temp" }, "#comparison-form");
        var id = await app.WithDbAsync(db => db.ComparisonRows.Where(r => r.Label == label).Select(r => r.Id).SingleAsync());

        await admin.SubmitFormAsync(Page, new Dictionary<string, string> { ["note"] = "No longer offered" },
            $"[data-testid=comparison-row-{id}] form[action*=Delete]");
        var pricing = await app.CreateBrowser().GetHtmlAsync("/pricing");

        Assert.DoesNotContain(label, pricing.QuerySelector("[data-testid=comparison]")!.TextContent);
        var last = (await app.AuditRowsAsync($"comparison:{id}")).Last();
        Assert.Equal((AuditActions.ContentComparison, "No longer offered", null), (last.Action, last.Reason, last.After));
    }
}

public sealed class ComparisonManagerTests_Sqlite(SqliteApp app) : ComparisonManagerTests(app), IClassFixture<SqliteApp>;

public sealed class ComparisonManagerTests_Postgres(PostgresApp app) : ComparisonManagerTests(app), IClassFixture<PostgresApp>;
