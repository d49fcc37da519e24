using System.Net;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Audit;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Admin.Content;

/// <summary>/admin/content/faq: questions added, edited, hidden and reordered by admins, each change audited with its note.</summary>
public abstract class FaqManagerTests(TestApp app)
{
    private const string Page = "/admin/content/faq";

    [Fact]
    public async Task An_added_question_is_audited_and_shows_on_pricing()
    {
        var admin = await app.AdminBrowserAsync();
        var question = $"Do tokens expire {Guid.NewGuid():N}?";

        var response = await admin.SubmitFormAsync(Page, new Dictionary<string, string>
        {
            ["Form.Category"] = "Tokens", ["Form.Question"] = question, ["Form.Answer"] = "**Never**, see [terms](/terms).", ["Form.Note"] = "Support asks weekly",
        }, "#faq-form");
        var entry = await app.WithDbAsync(db => db.FaqEntries.AsNoTracking().SingleAsync(f => f.Question == question));
        var pricing = await app.CreateBrowser().GetHtmlAsync("/pricing");

        Assert.Equal(Page, response.Location());
        var audit = Assert.Single(await app.AuditRowsAsync($"faq:{entry.Id}"));
        Assert.Equal((AuditActions.ContentFaq, AuditTargets.Content, "Support asks weekly"), (audit.Action, audit.TargetType, audit.Reason));
        Assert.Contains(question, audit.After);
        var details = pricing.QuerySelector($"#faq-{entry.Id}")!;
        Assert.Equal("DETAILS", details.TagName);
        Assert.Equal("Never", details.QuerySelector("strong")!.TextContent);
    }

    [Fact]
    public async Task A_hidden_question_leaves_the_pricing_page_and_is_audited()
    {
        var admin = await app.AdminBrowserAsync();
        var question = $"Hide me {Guid.NewGuid():N}?";
        await admin.SubmitFormAsync(Page, new Dictionary<string, string>
        {
            ["Form.Category"] = "Misc", ["Form.Question"] = question, ["Form.Answer"] = "Soon gone", ["Form.Note"] = "Draft question",
        }, "#faq-form");
        var id = await app.WithDbAsync(db => db.FaqEntries.Where(f => f.Question == question).Select(f => f.Id).SingleAsync());

        var response = await admin.SubmitFormAsync(Page, new Dictionary<string, string>(), $"[data-testid=faq-entry-{id}] form",
            button: $"[data-testid=toggle-faq-{id}]");
        var pricing = await app.CreateBrowser().GetHtmlAsync("/pricing");

        Assert.Equal(Page, response.Location());
        Assert.Null(pricing.QuerySelector($"#faq-{id}"));
        Assert.Equal(2, (await app.AuditRowsAsync($"faq:{id}")).Count(a => a.Action == AuditActions.ContentFaq));
    }

    [Fact]
    public async Task Bad_input_is_refused_with_messages_and_nothing_is_written()
    {
        var admin = await app.AdminBrowserAsync();
        var category = $"Bad {Guid.NewGuid():N}"[..20];
        var auditLog = await app.ChainShapeAsync();

        var response = await admin.SubmitFormAsync(Page, new Dictionary<string, string>
        {
            ["Form.Category"] = category, ["Form.Question"] = "", ["Form.Answer"] = new string('a', 20_001), ["Form.Note"] = "",
        }, "#faq-form");
        var errors = (await response.ReadHtmlAsync()).FormErrors();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The question is required.", errors);
        Assert.Contains(errors, e => e.StartsWith("The answer must be at most 20,000 characters", StringComparison.Ordinal));
        Assert.Contains("Add a note saying why (it goes in the audit log).", errors);
        Assert.False(await app.WithDbAsync(db => db.FaqEntries.AnyAsync(f => f.Category == category)));
        Assert.Equal(auditLog, await app.ChainShapeAsync());
    }

    [Fact]
    public async Task The_answer_preview_renders_through_the_sanitizer()
    {
        var admin = await app.AdminBrowserAsync();

        var response = await admin.SubmitFormAsync(Page, new Dictionary<string, string> { ["Form.Answer"] = "Hi [x](javascript:alert(1)) **there**" },
            "#faq-form", postTo: $"{Page}?handler=Preview");
        var preview = await response.ReadHtmlAsync();

        Assert.Equal("there", preview.QuerySelector("[data-testid=answer-preview] strong")!.TextContent);
        Assert.Null(preview.QuerySelector("a[href]"));
        Assert.Contains("javascript: link", preview.QuerySelector("[role=status]")!.TextContent);
    }
}

public sealed class FaqManagerTests_Sqlite(SqliteApp app) : FaqManagerTests(app), IClassFixture<SqliteApp>;

public sealed class FaqManagerTests_Postgres(PostgresApp app) : FaqManagerTests(app), IClassFixture<PostgresApp>;
