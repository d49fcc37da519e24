using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Content;
using TokenSaas.Ledger;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Admin.Content;

/// <summary>Scheduled publishing: times in site time, schedules going live in order, a newer text never overwritten by an older schedule.</summary>
public abstract class EditorScheduleTests(TestApp app)
{
    [Fact]
    public async Task A_time_without_an_offset_is_read_in_the_site_time_zone()
    {
        var plan = await app.NewPlanAsync();
        await app.SaveDraftAsync(plan, "later");
        var zone = app.Services.GetRequiredService<TokenCalendar>().Zone;
        var local = TimeZoneInfo.ConvertTimeFromUtc(app.Clock.GetUtcNow().UtcDateTime.AddDays(3), zone);
        var text = local.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

        await app.PublishAsync(plan, new { publish_at = text });
        var version = Assert.Single(await app.VersionRowsAsync(plan));

        Assert.Equal(TimeZoneInfo.ConvertTimeToUtc(DateTime.ParseExact(text, "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture), zone),
            DateTime.SpecifyKind(version.PublishAt, DateTimeKind.Utc));
        Assert.Null(version.PublishedAt);
    }

    [Fact]
    public async Task Two_schedules_go_live_in_their_order()
    {
        var plan = await app.NewPlanAsync();
        var now = app.Clock.GetUtcNow();
        await app.SaveDraftAsync(plan, "first");
        await app.PublishAsync(plan, new { publish_at = EditorSteps.Utc(now.AddHours(1)) });
        await app.SaveDraftAsync(plan, "second");
        await app.PublishAsync(plan, new { publish_at = EditorSteps.Utc(now.AddHours(2)) });

        var afterOne = await PublishDueAsync(now.AddHours(1.5));
        using var between = await app.BlockAsync(plan);
        var afterTwo = await PublishDueAsync(now.AddHours(3));
        using var end = await app.BlockAsync(plan);

        Assert.Equal((1, 1), (afterOne, afterTwo));
        Assert.Equal("first", between.RootElement.GetProperty("published").GetProperty("markdown").GetString());
        Assert.Equal("second", end.RootElement.GetProperty("published").GetProperty("markdown").GetString());
    }

    [Fact]
    public async Task A_newer_schedule_due_sooner_cancels_an_older_one_due_later()
    {
        var plan = await app.NewPlanAsync();
        var now = app.Clock.GetUtcNow();
        await app.SaveDraftAsync(plan, "older text");
        await app.PublishAsync(plan, new { publish_at = EditorSteps.Utc(now.AddDays(2)) });
        await app.SaveDraftAsync(plan, "newer text");
        await app.PublishAsync(plan, new { publish_at = EditorSteps.Utc(now.AddDays(1)) });

        await PublishDueAsync(now.AddDays(3));
        var rows = await app.VersionRowsAsync(plan);
        using var block = await app.BlockAsync(plan);

        Assert.Equal([true, false], rows.Select(r => r.Cancelled));
        Assert.Equal("newer text", block.RootElement.GetProperty("published").GetProperty("markdown").GetString());
    }

    private Task<int> PublishDueAsync(DateTimeOffset now) =>
        app.WithScopeAsync(s => s.GetRequiredService<ContentPublisher>().PublishDueAsync(now.UtcDateTime));
}

public sealed class EditorScheduleTests_Sqlite(SqliteApp app) : EditorScheduleTests(app), IClassFixture<SqliteApp>;

public sealed class EditorScheduleTests_Postgres(PostgresApp app) : EditorScheduleTests(app), IClassFixture<PostgresApp>;
