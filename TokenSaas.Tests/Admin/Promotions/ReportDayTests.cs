using TokenSaas.Promotions;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Admin.Promotions;

/// <summary>A use counts on the day of the site's time zone its payment succeeded in, not the UTC day.</summary>
public abstract class ReportDayTests
{
    protected abstract TestDatabase NewDatabase();

    [Fact]
    public async Task A_payment_a_minute_before_and_a_minute_after_midnight_in_kolkata_fall_on_two_days()
    {
        await using var app = await StartAsync("Asia/Kolkata", new DateTimeOffset(2030, 3, 10, 12, 0, 0, TimeSpan.Zero));
        var (promotion, code) = await PromotionAsync(app);

        // 23:59 and 00:01 in Kolkata (UTC+05:30): one UTC day, two local ones.
        await PayAtAsync(app, code, new DateTimeOffset(2030, 3, 10, 18, 29, 0, TimeSpan.Zero));
        await PayAtAsync(app, code, new DateTimeOffset(2030, 3, 10, 18, 31, 0, TimeSpan.Zero));

        Assert.Equal([("2030-03-10", 1), ("2030-03-11", 1)], await DaysAsync(app, promotion, "2030-03-10", "2030-03-11"));
        Assert.Equal([("2030-03-11", 1)], await DaysAsync(app, promotion, "2030-03-11", "2030-03-11"));
    }

    [Fact]
    public async Task Days_either_side_of_a_daylight_saving_change_are_cut_at_their_own_midnight()
    {
        // New York moves its clocks forward on 10 March 2030: midnight is 05:00 UTC before and 04:00 UTC after.
        await using var app = await StartAsync("America/New_York", new DateTimeOffset(2030, 3, 9, 12, 0, 0, TimeSpan.Zero));
        var (promotion, code) = await PromotionAsync(app);

        await PayAtAsync(app, code, new DateTimeOffset(2030, 3, 10, 4, 59, 0, TimeSpan.Zero));
        await PayAtAsync(app, code, new DateTimeOffset(2030, 3, 10, 5, 1, 0, TimeSpan.Zero));
        await PayAtAsync(app, code, new DateTimeOffset(2030, 3, 11, 3, 59, 0, TimeSpan.Zero));
        await PayAtAsync(app, code, new DateTimeOffset(2030, 3, 11, 4, 1, 0, TimeSpan.Zero));

        Assert.Equal([("2030-03-08", 0), ("2030-03-09", 1), ("2030-03-10", 2), ("2030-03-11", 1), ("2030-03-12", 0)],
            await DaysAsync(app, promotion, "2030-03-08", "2030-03-12"));
    }

    private async Task<TimeApp> StartAsync(string zone, DateTimeOffset now)
    {
        var app = new TimeApp(NewDatabase(), new Dictionary<string, string> { ["Tokens:TimeZone"] = zone });
        app.Clock.MoveTo(now);
        await app.InitializeAsync();
        return app;
    }

    private static async Task<(Promotion, string)> PromotionAsync(TestApp app)
    {
        var code = Promos.NewCode("DAY");
        return (await app.CreatePromotionAsync(code, PromotionType.PercentOff, 10, p => p.PerUserLimit = 10), code);
    }

    private static async Task PayAtAsync(TestApp app, string code, DateTimeOffset at)
    {
        app.Clock.MoveTo(at);
        var user = await app.NewApiUserAsync();
        await app.PaidAsync(await user.CheckoutAsync("inr_500", code));
    }

    private static async Task<List<(string, int)>> DaysAsync(TestApp app, Promotion promotion, string from, string to)
    {
        using var json = await app.AdminApi().GetJsonAsync($"/api/admin/promotions/{promotion.Id}/report?from={from}&to={to}");
        return json.RootElement.GetProperty("days").EnumerateArray()
            .Select(d => (d.GetProperty("date").GetString()!, d.GetProperty("redemptions").GetInt32())).ToList();
    }
}

public sealed class ReportDayTests_Sqlite : ReportDayTests
{
    protected override TestDatabase NewDatabase() => new SqliteTestDatabase();
}

public sealed class ReportDayTests_Postgres : ReportDayTests
{
    protected override TestDatabase NewDatabase() => new PostgresTestDatabase();
}
