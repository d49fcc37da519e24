using System.Net;
using AngleSharp.Html.Dom;
using TokenSaas.Audit;
using TokenSaas.Content;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Admin.Content;

/// <summary>The editor pages: live preview and autosave through htmx, publish and restore behind a confirm, the diff, all without JS too.</summary>
public abstract class EditorPageTests(TestApp app)
{
    [Fact]
    public async Task The_content_page_lists_the_intro_and_each_plan_with_links_to_the_other_managers()
    {
        var plan = await app.NewPlanAsync();
        await app.PublishTextAsync(plan, "live");
        var admin = await app.AdminBrowserAsync();

        var page = await admin.GetHtmlAsync("/admin/content");

        Assert.NotNull(page.QuerySelector("[data-testid=block-intro] a[href='/admin/content/intro']"));
        Assert.Contains("version 1", page.QuerySelector($"[data-testid=block-{plan}]")!.TextContent);
        Assert.Equal(["/admin/content/faq", "/admin/content/testimonials", "/admin/content/comparison"],
            new[] { "faq", "testimonials", "comparison" }.Select(x => page.QuerySelector($"[data-testid={x}-link]")!.GetAttribute("href")));
    }

    [Fact]
    public async Task Typing_renders_the_preview_through_the_sanitizer_and_saves_the_draft()
    {
        var plan = await app.NewPlanAsync();
        var admin = await app.AdminBrowserAsync();
        var self = $"/admin/content/plan/{plan}";
        var editor = await admin.GetHtmlAsync(self);
        var textarea = editor.QuerySelector("[data-testid=markdown]")!;

        var response = await HtmxPostAsync(admin, editor, self + "?handler=Preview",
            new() { ["Markdown"] = "## Best value\n\n<script>alert(1)</script>\n\n[click](javascript:alert(1))" });
        var preview = await response.ReadHtmlAsync();
        using var block = await app.BlockAsync(plan);

        Assert.Equal(("input changed delay:400ms", $"{self}?handler=Preview", "#content-preview"),
            (textarea.GetAttribute("hx-trigger"), textarea.GetAttribute("hx-post"), textarea.GetAttribute("hx-target")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h2", preview.QuerySelector("[data-testid=preview]")!.InnerHtml);
        Assert.Empty(preview.QuerySelectorAll("script"));
        Assert.DoesNotContain("javascript:", preview.QuerySelector("[data-testid=preview]")!.InnerHtml);
        Assert.StartsWith("Draft saved", preview.QuerySelector("[data-testid=draft-saved]")!.TextContent.Trim());
        Assert.StartsWith("## Best value", block.RootElement.GetProperty("draft").GetProperty("markdown").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, block.RootElement.GetProperty("published").ValueKind);
    }

    [Fact]
    public async Task Without_javascript_the_preview_button_renders_the_page_with_the_preview()
    {
        var plan = await app.NewPlanAsync();
        var admin = await app.AdminBrowserAsync();

        var response = await admin.SubmitFormAsync($"/admin/content/plan/{plan}", new Dictionary<string, string> { ["Markdown"] = "*fresh*" },
            "[data-testid=content-form]", "[data-testid=preview-button]");
        var page = await response.ReadHtmlAsync();

        Assert.Equal("<p><em>fresh</em></p>", page.QuerySelector("[data-testid=preview]")!.InnerHtml.Trim());
    }

    [Fact]
    public async Task Publishing_through_the_confirm_makes_the_text_live_and_audits_it()
    {
        var plan = await app.NewPlanAsync();
        var admin = await app.AdminBrowserAsync();
        var self = $"/admin/content/plan/{plan}";

        var confirm = await (await admin.SubmitFormAsync(self, new Dictionary<string, string> { ["Markdown"] = "Launch copy", ["Note"] = "launch" },
            "[data-testid=content-form]", "[data-testid=publish]")).ReadHtmlAsync();
        var form = (IHtmlFormElement)confirm.QuerySelector("[data-testid=admin-confirm] form")!;
        var published = await PostFormAsync(admin, form, self);
        using var block = await app.BlockAsync(plan);

        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Equal("Launch copy", block.RootElement.GetProperty("published").GetProperty("markdown").GetString());
        var audit = Assert.Single(await app.AuditRowsAsync(ContentBlock.PlanKey(plan)));
        Assert.Equal((AuditActions.ContentPublish, "launch"), (audit.Action, audit.Reason));
    }

    [Fact]
    public async Task A_schedule_in_the_past_is_refused_on_the_page_and_nothing_is_published()
    {
        var plan = await app.NewPlanAsync();
        var admin = await app.AdminBrowserAsync();
        var self = $"/admin/content/plan/{plan}";
        var past = ContentTimes.Local(app.Clock.GetUtcNow().UtcDateTime.AddDays(-1), TimeZoneInfo.Utc, "yyyy-MM-dd'T'HH:mm");

        var confirm = await (await admin.SubmitFormAsync(self, new Dictionary<string, string> { ["Markdown"] = "Too late", ["PublishAt"] = past },
            "[data-testid=content-form]", "[data-testid=publish]")).ReadHtmlAsync();
        var refused = await (await PostFormAsync(admin, (IHtmlFormElement)confirm.QuerySelector("[data-testid=admin-confirm] form")!, self)).ReadHtmlAsync();

        Assert.Contains("The publish time must be in the future.", refused.FormErrors());
        Assert.Empty(await app.VersionRowsAsync(plan));
    }

    [Fact]
    public async Task Compare_shows_added_and_removed_lines_and_restore_makes_a_draft_of_the_old_text()
    {
        var plan = await app.NewPlanAsync();
        await app.PublishTextAsync(plan, "Same line\nOld line");
        await app.PublishTextAsync(plan, "Same line\nNew line");
        var admin = await app.AdminBrowserAsync();
        var self = $"/admin/content/plan/{plan}";

        var diff = await (await admin.GetAsync($"{self}?handler=Diff&version=2")).ReadHtmlAsync();
        var page = await admin.GetHtmlAsync(self);
        var restoreConfirm = await (await admin.SubmitFormAsync(self, new Dictionary<string, string>(),
            "[data-testid=version-1] form")).ReadHtmlAsync();
        var restored = await PostFormAsync(admin, (IHtmlFormElement)restoreConfirm.QuerySelector("[data-testid=admin-confirm] form")!, self);
        using var block = await app.BlockAsync(plan);

        Assert.Equal(["- Old line"], diff.QuerySelectorAll(".diff-removed").Select(e => e.TextContent.Trim()));
        Assert.Equal(["+ New line"], diff.QuerySelectorAll(".diff-added").Select(e => e.TextContent.Trim()));
        Assert.Equal(["live", "superseded"], page.QuerySelectorAll("[data-testid=versions] .tag").Select(e => e.TextContent.Trim()));
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.Equal("Same line\nOld line", block.RootElement.GetProperty("draft").GetProperty("markdown").GetString());
        Assert.Equal(2, block.RootElement.GetProperty("published").GetProperty("version").GetInt32());
        Assert.Equal(AuditActions.ContentRestore, (await app.AuditRowsAsync(ContentBlock.PlanKey(plan))).Last().Action);
    }

    [Fact]
    public async Task An_unknown_plan_has_no_editor()
    {
        var admin = await app.AdminBrowserAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/content/plan/no-such-plan")).StatusCode);
    }

    private static async Task<HttpResponseMessage> HtmxPostAsync(HttpClient client, IHtmlDocument page, string url, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("HX-Request", "true");
        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, IHtmlFormElement form, string url)
    {
        var values = form.QuerySelectorAll("input[name]").OfType<IHtmlInputElement>().ToDictionary(i => i.Name!, i => i.Value);
        return await client.PostAsync(form.GetAttribute("action") ?? url, new FormUrlEncodedContent(values));
    }
}

public sealed class EditorPageTests_Sqlite(SqliteApp app) : EditorPageTests(app), IClassFixture<SqliteApp>;

public sealed class EditorPageTests_Postgres(PostgresApp app) : EditorPageTests(app), IClassFixture<PostgresApp>;
