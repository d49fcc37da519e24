using Microsoft.EntityFrameworkCore;
using TokenSaas.Ledger;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Plans;

public sealed class TokenCalendarTests
{
    private static readonly TokenCalendar Kolkata = new(TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata"));
    private static readonly TokenCalendar NewYork = new(TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));

    [Fact]
    public void A_day_starts_at_local_midnight()
    {
        var justBefore = new DateTime(2030, 3, 10, 18, 29, 0, DateTimeKind.Utc);

        Assert.Equal("2030-03-10", Kolkata.DayKey(justBefore));
        Assert.Equal("2030-03-11", Kolkata.DayKey(justBefore.AddMinutes(1)));
        Assert.Equal(new DateTime(2030, 3, 10, 18, 30, 0, DateTimeKind.Utc), Kolkata.NextMidnight(justBefore));
    }

    [Fact]
    public void A_month_starts_at_local_midnight_on_the_first()
    {
        var lastMinuteOfJune = new DateTime(2030, 6, 30, 18, 29, 0, DateTimeKind.Utc);

        Assert.Equal("2030-06", Kolkata.MonthKey(lastMinuteOfJune));
        Assert.Equal("2030-07", Kolkata.MonthKey(lastMinuteOfJune.AddMinutes(1)));
        Assert.Equal(new DateTime(2030, 6, 30, 18, 30, 0, DateTimeKind.Utc), Kolkata.NextMonthStart(lastMinuteOfJune));
    }

    [Fact]
    public void Midnight_follows_daylight_saving_time()
    {
        // New York moves to summer time on 10 March 2030: midnight before is 05:00 UTC, after is 04:00 UTC.
        Assert.Equal(new DateTime(2030, 3, 10, 5, 0, 0, DateTimeKind.Utc), NewYork.NextMidnight(new DateTime(2030, 3, 9, 12, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(new DateTime(2030, 3, 11, 4, 0, 0, DateTimeKind.Utc), NewYork.NextMidnight(new DateTime(2030, 3, 10, 12, 0, 0, DateTimeKind.Utc)));
    }
}

public sealed class TimeZoneTests : IAsyncLifetime
{
    private readonly TimeApp app = new(new SqliteTestDatabase(), new Dictionary<string, string> { ["Tokens:TimeZone"] = "Asia/Kolkata" });

    public async Task InitializeAsync()
    {
        app.Clock.MoveTo(new DateTimeOffset(2030, 3, 10, 12, 0, 0, TimeSpan.Zero));
        await app.InitializeAsync();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task The_daily_allowance_refills_at_midnight_in_the_site_s_time_zone_not_utc()
    {
        var user = await app.NewApiUserAsync();
        await user.SpendAsync("template", "three");

        app.Clock.MoveTo(new DateTimeOffset(2030, 3, 10, 18, 29, 0, TimeSpan.Zero));
        var before = (await user.LedgerAsync(l => l.GetBalanceAsync(user.UserId)))[GrantBucket.Daily];
        app.Clock.MoveTo(new DateTimeOffset(2030, 3, 10, 18, 30, 0, TimeSpan.Zero));
        var after = (await user.LedgerAsync(l => l.GetBalanceAsync(user.UserId)))[GrantBucket.Daily];

        Assert.Equal((2L, 5L), (before, after));
        var periods = await app.WithDbAsync(db => db.Grants.Where(g => g.Bucket == GrantBucket.Daily
            && db.TokenAccounts.Any(a => a.Id == g.AccountId && a.UserId == user.UserId)).OrderBy(g => g.Id).Select(g => g.PeriodKey).ToListAsync());
        Assert.Equal(["2030-03-10", "2030-03-11"], periods);
    }
}
