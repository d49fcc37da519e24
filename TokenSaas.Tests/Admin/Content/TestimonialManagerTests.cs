using System.Net;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Audit;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Admin.Content;

/// <summary>/admin/content/testimonials: a testimonial shows on /pricing only once approved, and every approval is audited.</summary>
public abstract class TestimonialManagerTests(TestApp app)
{
    private const string Page = "/admin/content/testimonials";

    [Fact]
    public async Task A_testimonial_shows_only_after_an_audited_approval()
    {
        var admin = await app.AdminBrowserAsync();
        var quote = $"Saved me hours {Guid.NewGuid():N}";
        await admin.SubmitFormAsync(Page, new Dictionary<string, string>
        {
            ["Form.Quote"] = quote, ["Form.Name"] = "Meera", ["Form.Role"] = "Founder", ["Form.Note"] = "From the NPS survey",
        }, "#testimonial-form");
        var id = await app.WithDbAsync(db => db.Testimonials.Where(t => t.Quote == quote).Select(t => t.Id).SingleAsync());
        var before = await app.CreateBrowser().GetHtmlAsync("/pricing");

        var response = await admin.SubmitFormAsync(Page, new Dictionary<string, string> { ["note"] = "Permission by email" },
            $"[data-testid=approve-form-{id}]");
        var after = await app.CreateBrowser().GetHtmlAsync("/pricing");

        Assert.DoesNotContain(quote, before.Source.Text);
        Assert.Equal(Page, response.Location());
        Assert.Contains(quote, after.QuerySelector("[data-testid=testimonials]")!.TextContent);
        var audits = await app.AuditRowsAsync($"testimonial:{id}");
        Assert.Equal([AuditActions.TestimonialUnapprove, AuditActions.TestimonialApprove], audits.Select(a => a.Action));
        Assert.Equal("Permission by email", audits[1].Reason);
    }

    [Fact]
    public async Task Unapproving_takes_it_off_the_page()
    {
        var admin = await app.AdminBrowserAsync();
        var quote = $"Brilliant {Guid.NewGuid():N}";
        await admin.SubmitFormAsync(Page, new Dictionary<string, string> { ["Form.Quote"] = quote, ["Form.Name"] = "Ann", ["Form.Note"] = "Survey" },
            "#testimonial-form");
        var id = await app.WithDbAsync(db => db.Testimonials.Where(t => t.Quote == quote).Select(t => t.Id).SingleAsync());
        await admin.SubmitFormAsync(Page, new Dictionary<string, string> { ["note"] = "OK to use" }, $"[data-testid=approve-form-{id}]");

        await admin.SubmitFormAsync(Page, new Dictionary<string, string> { ["note"] = "Customer withdrew consent" }, $"[data-testid=approve-form-{id}]");
        var pricing = await app.CreateBrowser().GetHtmlAsync("/pricing");

        Assert.DoesNotContain(quote, pricing.Source.Text);
        var last = (await app.AuditRowsAsync($"testimonial:{id}")).Last();
        Assert.Equal((AuditActions.TestimonialUnapprove, "Customer withdrew consent"), (last.Action, last.Reason));
    }

    [Fact]
    public async Task An_approval_without_a_note_or_an_over_long_quote_is_refused()
    {
        var admin = await app.AdminBrowserAsync();
        var quote = $"Pending {Guid.NewGuid():N}";
        await admin.SubmitFormAsync(Page, new Dictionary<string, string> { ["Form.Quote"] = quote, ["Form.Name"] = "Raj", ["Form.Note"] = "Survey" },
            "#testimonial-form");
        var id = await app.WithDbAsync(db => db.Testimonials.Where(t => t.Quote == quote).Select(t => t.Id).SingleAsync());

        var approve = await admin.SubmitFormAsync(Page, new Dictionary<string, string> { ["note"] = " " }, $"[data-testid=approve-form-{id}]");
        var tooLong = await admin.SubmitFormAsync(Page, new Dictionary<string, string>
        {
            ["Form.Quote"] = new string('q', 1_001), ["Form.Name"] = "", ["Form.Note"] = "Survey",
        }, "#testimonial-form");
        var errors = (await tooLong.ReadHtmlAsync()).FormErrors();

        Assert.Equal(HttpStatusCode.BadRequest, approve.StatusCode);
        Assert.Contains("Add a note saying why (it goes in the audit log).", (await approve.ReadHtmlAsync()).FormErrors());
        Assert.False(await app.WithDbAsync(db => db.Testimonials.Where(t => t.Id == id).Select(t => t.Approved).SingleAsync()));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("The quote must be at most 1,000 characters (it has 1,001).", errors);
        Assert.Contains("The name is required.", errors);
    }
}

public sealed class TestimonialManagerTests_Sqlite(SqliteApp app) : TestimonialManagerTests(app), IClassFixture<SqliteApp>;

public sealed class TestimonialManagerTests_Postgres(PostgresApp app) : TestimonialManagerTests(app), IClassFixture<PostgresApp>;
