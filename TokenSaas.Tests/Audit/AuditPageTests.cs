using System.Net;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Audit;
using TokenSaas.Ledger;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Audit;

public abstract class AuditPageTests(TestApp app)
{
    [Fact]
    public async Task An_admin_filters_the_log_by_actor_and_by_target()
    {
        var user = await app.NewApiUserAsync();
        var auditor = new AdminActor("auditor-id", $"Auditor-{Guid.NewGuid():N}@example.com", "10.0.0.7");
        await app.AllocateAsync(user.UserId, Admins.Act("by the test admin"));
        await app.AllocateAsync(user.UserId, new AdminAct(auditor, "by the auditor", $"k-{Guid.NewGuid():N}"));
        var admin = await app.AdminBrowserAsync();

        var byActor = Rows(await admin.GetHtmlAsync($"/admin/audit?actor={auditor.Email.ToUpperInvariant()}"));
        var byTarget = await admin.GetHtmlAsync($"/admin/audit?targettype=user&targetid={user.UserId}");

        Assert.Equal(["by the auditor"], byActor.Select(r => r.Cells[4].TextContent.Trim()));
        Assert.Equal(2, Rows(byTarget).Count);
        Assert.Equal($"/admin/users/{user.UserId}", Rows(byTarget)[0].Cells[3].QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("balance: 60 → 110", Rows(byTarget)[0].Cells[5].TextContent);
        Assert.Equal(AuditActions.Allocate, Rows(byTarget)[0].QuerySelector(".tag")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("from=21-11-2026", "Enter a date like 2026-11-21.")]
    [InlineData("from=2026-11-22&to=2026-11-21", "The end date must be on or after the start date.")]
    [InlineData("action=tokens.steal", "Choose an action from the list.")]
    public async Task A_bad_filter_shows_a_message_beside_its_field(string query, string message)
    {
        var admin = await app.AdminBrowserAsync();

        var page = await admin.GetHtmlAsync($"/admin/audit?{query}");

        Assert.Contains(message, page.FormErrors());
        Assert.Null(page.QuerySelector("[data-testid=audit]"));
    }

    [Fact]
    public async Task Filters_that_match_nothing_show_an_empty_state()
    {
        var admin = await app.AdminBrowserAsync();

        var page = await admin.GetHtmlAsync($"/admin/audit?targetid=nobody-{Guid.NewGuid():N}");

        Assert.Contains("No audit rows match these filters.", page.QuerySelector("[data-testid=audit-empty]")!.TextContent);
    }

    [Fact]
    public async Task Load_more_brings_the_next_page_by_htmx_and_as_a_plain_link()
    {
        var user = await app.NewApiUserAsync();
        await Task.WhenAll(Enumerable.Range(0, 51).Select(i => app.AllocateAsync(user.UserId, Admins.Act($"act {i}"), 1)));
        var admin = await app.AdminBrowserAsync();

        var first = await admin.GetHtmlAsync($"/admin/audit?targetid={user.UserId}");
        var more = first.QuerySelector("[data-testid=load-more]")!;
        var request = new HttpRequestMessage(HttpMethod.Get, more.GetAttribute("hx-get"));
        request.Headers.Add("HX-Request", "true");
        var fragment = await (await admin.SendAsync(request)).Content.ReadAsStringAsync();
        var plain = await admin.GetHtmlAsync(more.GetAttribute("href")!);

        Assert.Equal(50, Rows(first).Count);
        Assert.Equal(1, fragment.Split("<tr data-audit-id=").Length - 1);
        Assert.DoesNotContain("<html", fragment);
        Assert.DoesNotContain("load-more", fragment);
        Assert.Single(Rows(plain));
        Assert.Equal(51, Rows(first).Concat(Rows(plain)).Select(r => r.GetAttribute("data-audit-id")).Distinct().Count());
    }

    [Fact]
    public async Task The_csv_export_defuses_a_formula_reason_and_is_itself_audited()
    {
        var user = await app.NewApiUserAsync();
        await app.AllocateAsync(user.UserId, Admins.Act("=cmd|' /C calc'!A0"));
        var admin = await app.AdminBrowserAsync();
        var link = (await admin.GetHtmlAsync($"/admin/audit?targetid={user.UserId}"))
            .QuerySelector("[data-testid=audit-export]")!.GetAttribute("href")!;

        var response = await admin.GetAsync(link);
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(AuditQuery.CsvHeader, lines[0].TrimEnd('\r'));
        Assert.Equal(2, lines.Length);
        Assert.Contains(",\"'=cmd|' /C calc'!A0\",", lines[1]);
        Assert.Contains("\"{\"\"balance\"\":10}\"", lines[1]);
        var export = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditActions.Export && e.After!.Contains(user.UserId)).ToListAsync());
        var row = Assert.Single(export);
        Assert.Equal((AuditTargets.Export, "audit", TestApp.AdminEmail), (row.TargetType, row.TargetId, row.ActorEmail));
        Assert.Null((await app.VerifyAuditAsync()).FirstBroken);
    }

    [Fact]
    public async Task Users_are_refused_and_anonymous_visitors_are_sent_to_log_in()
    {
        var user = await app.SignedUpAsync(Users.NewEmail());

        var refused = await user.GetAsync("/admin/audit");
        var refusedExport = await user.GetAsync("/admin/audit?handler=csv");
        var anonymous = await app.CreateBrowser().GetAsync("/admin/audit");

        Assert.StartsWith("/account/access-denied", refused.Location());
        Assert.StartsWith("/account/access-denied", refusedExport.Location());
        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync(refused.Location())).StatusCode);
        Assert.Equal("/account/login?ReturnUrl=%2Fadmin%2Faudit", anonymous.Location());
    }

    private static List<AngleSharp.Html.Dom.IHtmlTableRowElement> Rows(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("[data-testid=audit] tbody tr[data-audit-id]").OfType<AngleSharp.Html.Dom.IHtmlTableRowElement>().ToList();
}

public sealed class AuditPageTests_Sqlite(SqliteApp app) : AuditPageTests(app), IClassFixture<SqliteApp>;

public sealed class AuditPageTests_Postgres(PostgresApp app) : AuditPageTests(app), IClassFixture<PostgresApp>;
