using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Audit;
using TokenSaas.Content;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Admin.Content;

/// <summary>SPEC 10.5's content API: drafts stay private, each publish is a new immutable version, restore makes a draft, bad input writes nothing.</summary>
public abstract class EditorApiTests(TestApp app)
{
    [Fact]
    public async Task A_draft_is_never_what_is_published_until_it_is_published()
    {
        var plan = await app.NewPlanAsync();
        await app.PublishTextAsync(plan, "# Team\n\nLive text");
        await app.SaveDraftAsync(plan, "# Team\n\nSecret draft");

        using var block = await app.BlockAsync(plan);
        var published = block.RootElement.GetProperty("published");
        var draft = block.RootElement.GetProperty("draft");

        Assert.Equal(plan, block.RootElement.GetProperty("plan_id").GetString());
        Assert.Equal("# Team\n\nSecret draft", draft.GetProperty("markdown").GetString());
        Assert.False(string.IsNullOrEmpty(draft.GetProperty("updated_by").GetString()));
        Assert.Equal("# Team\n\nLive text", published.GetProperty("markdown").GetString());
        Assert.Contains("Live text", published.GetProperty("html").GetString());
        Assert.DoesNotContain("Secret", published.GetProperty("html").GetString());
        Assert.Equal(1, published.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_block_never_published_answers_null_for_both()
    {
        var plan = await app.NewPlanAsync();

        using var block = await app.BlockAsync(plan);

        Assert.Equal(JsonValueKind.Null, block.RootElement.GetProperty("draft").ValueKind);
        Assert.Equal(JsonValueKind.Null, block.RootElement.GetProperty("published").ValueKind);
    }

    [Fact]
    public async Task Publishing_again_makes_a_new_version_and_never_changes_earlier_ones()
    {
        var plan = await app.NewPlanAsync();
        await app.PublishTextAsync(plan, "first", "one");
        var before = Assert.Single(await app.VersionRowsAsync(plan));

        var second = await app.PublishTextAsync(plan, "second", "two");
        var rows = await app.VersionRowsAsync(plan);

        Assert.Equal(2, second);
        Assert.Equal([1, 2], rows.Select(r => r.Number));
        Assert.Equivalent(before, rows[0]);
        Assert.Equal(("second", "two"), (rows[1].Markdown, rows[1].Note));
        using var block = await app.BlockAsync(plan);
        Assert.Equal(JsonValueKind.Null, block.RootElement.GetProperty("draft").ValueKind);
        Assert.Equal(2, block.RootElement.GetProperty("published").GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Restore_makes_a_new_draft_and_publishing_it_makes_the_next_version_with_the_old_text()
    {
        var plan = await app.NewPlanAsync();
        await app.PublishTextAsync(plan, "old words");
        await app.PublishTextAsync(plan, "new words");

        var restore = await app.AdminApi().PostAsJsonAsync(EditorSteps.Url(plan) + "/restore", new { version = 1 });
        using var afterRestore = await app.BlockAsync(plan);
        var third = await app.PublishAsync(plan, new { note = "back to the old" });
        using var thirdJson = await third.ReadJsonAsync();
        var rows = await app.VersionRowsAsync(plan);

        Assert.Equal(HttpStatusCode.OK, restore.StatusCode);
        Assert.Equal("old words", afterRestore.RootElement.GetProperty("draft").GetProperty("markdown").GetString());
        Assert.Equal(2, afterRestore.RootElement.GetProperty("published").GetProperty("version").GetInt32());
        Assert.Equal(3, thirdJson.RootElement.GetProperty("version").GetInt32());
        Assert.Equal(["old words", "new words", "old words"], rows.Select(r => r.Markdown));
        var audit = (await app.AuditRowsAsync(ContentBlock.PlanKey(plan))).Select(a => a.Action).ToList();
        Assert.Equal([AuditActions.ContentPublish, AuditActions.ContentPublish, AuditActions.ContentRestore, AuditActions.ContentPublish], audit);
    }

    [Fact]
    public async Task A_restore_submitted_twice_restores_once_and_leaves_later_typing_alone()
    {
        var plan = await app.NewPlanAsync();
        await app.PublishTextAsync(plan, "old words");
        await app.PublishTextAsync(plan, "new words");
        var body = new { version = 1, idempotency_key = $"restore-{Guid.NewGuid():N}" };

        var first = await app.AdminApi().PostAsJsonAsync(EditorSteps.Url(plan) + "/restore", body);
        await app.SaveDraftAsync(plan, "old words, edited");
        var again = await app.AdminApi().PostAsJsonAsync(EditorSteps.Url(plan) + "/restore", body);
        using var block = await app.BlockAsync(plan);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        Assert.Equal("old words, edited", block.RootElement.GetProperty("draft").GetProperty("markdown").GetString());
        var audit = (await app.AuditRowsAsync(ContentBlock.PlanKey(plan))).Select(a => a.Action).ToList();
        Assert.Equal(1, audit.Count(a => a == AuditActions.ContentRestore));
    }

    [Fact]
    public async Task The_same_idempotency_key_twice_publishes_once()
    {
        var plan = await app.NewPlanAsync();
        await app.SaveDraftAsync(plan, "once");
        var body = new { note = "launch", idempotency_key = $"pub-{Guid.NewGuid():N}" };

        using var first = await (await app.PublishAsync(plan, body)).ReadJsonAsync();
        var again = await app.PublishAsync(plan, body);
        using var second = await again.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, second.RootElement.GetProperty("version").GetInt32());
        Assert.Equal(first.RootElement.GetProperty("version").GetInt32(), second.RootElement.GetProperty("version").GetInt32());
        Assert.Single(await app.VersionRowsAsync(plan));
        var audit = Assert.Single(await app.AuditRowsAsync(ContentBlock.PlanKey(plan)));
        Assert.Equal((AuditActions.ContentPublish, "launch"), (audit.Action, audit.Reason));
    }

    [Fact]
    public async Task A_scheduled_publish_goes_live_only_once_the_clock_passes_it()
    {
        var plan = await app.NewPlanAsync();
        await app.PublishTextAsync(plan, "today");
        await app.SaveDraftAsync(plan, "tomorrow");
        var at = app.Clock.GetUtcNow().AddHours(2);

        var response = await app.PublishAsync(plan, new { note = "sale", publish_at = EditorSteps.Utc(at) });
        using var scheduled = await response.ReadJsonAsync();
        var early = await PublishDueAsync(app.Clock.GetUtcNow().AddHours(1));
        using var beforeTime = await app.BlockAsync(plan);
        app.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        var due = await PublishDueAsync(app.Clock.GetUtcNow());
        var rerun = await PublishDueAsync(app.Clock.GetUtcNow());
        using var afterTime = await app.BlockAsync(plan);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("scheduled", 2), (scheduled.RootElement.GetProperty("status").GetString(), scheduled.RootElement.GetProperty("version").GetInt32()));
        Assert.Equal(0, early);
        Assert.Equal("today", beforeTime.RootElement.GetProperty("published").GetProperty("markdown").GetString());
        Assert.Equal(1, due);
        Assert.Equal(0, rerun);
        Assert.Equal("tomorrow", afterTime.RootElement.GetProperty("published").GetProperty("markdown").GetString());
        Assert.Equal([AuditActions.ContentPublish, AuditActions.ContentSchedule, AuditActions.ContentPublish],
            (await app.AuditRowsAsync(ContentBlock.PlanKey(plan))).Select(a => a.Action));
    }

    [Fact]
    public async Task A_later_publish_cancels_an_earlier_pending_schedule()
    {
        var plan = await app.NewPlanAsync();
        await app.SaveDraftAsync(plan, "scheduled text");
        await app.PublishAsync(plan, new { publish_at = EditorSteps.Utc(app.Clock.GetUtcNow().AddDays(1)) });
        var now = await app.PublishTextAsync(plan, "published now");

        var made = await PublishDueAsync(app.Clock.GetUtcNow().AddDays(2));
        var rows = await app.VersionRowsAsync(plan);
        using var block = await app.BlockAsync(plan);

        Assert.Equal(2, now);
        Assert.Equal(0, made);
        Assert.True(rows[0].Cancelled);
        Assert.Null(rows[0].PublishedAt);
        Assert.Equal("published now", block.RootElement.GetProperty("published").GetProperty("markdown").GetString());
    }

    [Fact]
    public async Task Bad_input_is_refused_with_a_message_and_nothing_is_written()
    {
        var plan = await app.NewPlanAsync();
        await app.SaveDraftAsync(plan, "a draft");

        var empty = await app.SaveDraftAsync(plan, "   ");
        var tooLong = await app.SaveDraftAsync(plan, new string('a', ContentBlock.MaxMarkdownLength + 1));
        var unknown = await app.SaveDraftAsync("no-such-plan", "text");
        var unknownPublish = await app.PublishAsync("no-such-plan");
        var past = await app.PublishAsync(plan, new { publish_at = EditorSteps.Utc(app.Clock.GetUtcNow().AddMinutes(-5)) });
        var badTime = await app.PublishAsync(plan, new { publish_at = "next tuesday" });

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("empty", (await empty.ReadJsonAsync()).Error());
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("100,000", (await tooLong.ReadJsonAsync()).Error());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownPublish.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Contains("must be in the future", (await past.ReadJsonAsync()).Error());
        Assert.Equal(HttpStatusCode.BadRequest, badTime.StatusCode);
        Assert.Empty(await app.VersionRowsAsync(plan));
        Assert.Empty(await app.AuditRowsAsync(ContentBlock.PlanKey(plan)));
        using var block = await app.BlockAsync(plan);
        Assert.Equal("a draft", block.RootElement.GetProperty("draft").GetProperty("markdown").GetString());
    }

    [Fact]
    public async Task Publishing_with_no_draft_is_refused()
    {
        var plan = await app.NewPlanAsync();
        await app.PublishTextAsync(plan, "live");

        var response = await app.PublishAsync(plan);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Nothing to publish", (await response.ReadJsonAsync()).Error());
        Assert.Single(await app.VersionRowsAsync(plan));
    }

    [Fact]
    public async Task The_versions_list_says_who_when_and_which_is_live()
    {
        var plan = await app.NewPlanAsync();
        await app.PublishTextAsync(plan, "one", "first note");
        await app.PublishTextAsync(plan, "two", "second note");

        using var json = await (await app.AdminApi().GetAsync(EditorSteps.Url(plan) + "/versions")).ReadJsonAsync();
        var items = json.RootElement.GetProperty("items").EnumerateArray().ToList();

        Assert.Equal([(2, "live", "second note"), (1, "superseded", "first note")],
            items.Select(i => (i.GetProperty("version").GetInt32(), i.GetProperty("status").GetString()!, i.GetProperty("note").GetString()!)));
    }

    [Fact]
    public async Task Markdown_from_the_editor_is_sanitized_before_it_is_stored_as_html()
    {
        var plan = await app.NewPlanAsync();
        await app.PublishTextAsync(plan, "<script>alert(1)</script>\n\n[x](javascript:alert(1))\n\n**bold**");

        var html = (await app.VersionRowsAsync(plan)).Single().Html;

        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("javascript:", html);
        Assert.Contains("<strong>bold</strong>", html);
    }

    private Task<int> PublishDueAsync(DateTimeOffset now) =>
        app.WithScopeAsync(s => s.GetRequiredService<ContentPublisher>().PublishDueAsync(now.UtcDateTime));
}

public sealed class EditorApiTests_Sqlite(SqliteApp app) : EditorApiTests(app), IClassFixture<SqliteApp>;

public sealed class EditorApiTests_Postgres(PostgresApp app) : EditorApiTests(app), IClassFixture<PostgresApp>;
