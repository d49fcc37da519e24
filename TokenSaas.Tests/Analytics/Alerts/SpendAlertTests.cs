using TokenSaas.Analytics;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Analytics.Alerts;

/// <summary>Unusual spending: one episode per spike, however often it is checked, and admins told once.</summary>
public abstract class SpendAlertTests(AlertsApp app)
{
    [Fact]
    public async Task Spending_at_fifty_times_the_usual_rate_raises_one_alert_and_tells_each_admin_once()
    {
        var user = await app.UserWithUsualRateAsync(perHour: 10);

        for (var i = 0; i < 50; i++)
        {
            await user.SpendTokensAsync(10);
            await app.CheckAsync(user.UserId);
        }

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => app.CheckAsync(user.UserId)));
        var alert = Assert.Single(await app.AlertsForAsync(user.UserId));
        var notices = await app.AdminNoticesAsync(user.Email);

        Assert.Equal((AdminAlert.UnusualSpend, "hour", 500L, 100L), (alert.Kind, alert.Window, alert.Observed, alert.Threshold));
        Assert.Equal("Spent 500 tokens in the last hour, 50× their usual 10 per hour.", alert.Detail);
        Assert.Null(alert.EndedAt);
        Assert.NotEmpty(notices);
        Assert.All(notices.Values, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task Spending_at_or_below_the_floor_or_within_the_factor_raises_nothing()
    {
        var newcomer = await app.NewApiUserAsync();
        await newcomer.GrantAsync(500);
        var heavy = await app.UserWithUsualRateAsync(perHour: 40, everyHours: 2);

        await newcomer.SpendTokensAsync(100);
        await heavy.SpendTokensAsync(390);
        await app.CheckAsync(newcomer.UserId, heavy.UserId);

        Assert.Empty(await app.AlertsForAsync(newcomer.UserId));
        Assert.Empty(await app.AlertsForAsync(heavy.UserId));
    }

    [Fact]
    public async Task The_episode_ends_when_spending_calms_down_and_a_later_spike_opens_a_second()
    {
        var user = await app.UserWithUsualRateAsync(perHour: 10);
        await user.SpendTokensAsync(500);
        await app.CheckAsync(user.UserId);

        app.Clock.Advance(TimeSpan.FromMinutes(61));
        await app.CheckAsync(user.UserId);
        var calm = Assert.Single(await app.AlertsForAsync(user.UserId));
        app.Clock.Advance(TimeSpan.FromHours(3));
        await user.SpendTokensAsync(600);
        await app.CheckAsync(user.UserId);
        await app.CheckAsync(user.UserId);
        var episodes = await app.AlertsForAsync(user.UserId);

        Assert.NotNull(calm.EndedAt);
        Assert.Equal(2, episodes.Count);
        Assert.Equal(calm.EndedAt, episodes[0].EndedAt);
        Assert.Null(episodes[1].EndedAt);
        Assert.Equal(600, episodes[1].Observed);
        Assert.All((await app.AdminNoticesAsync(user.Email)).Values, count => Assert.Equal(2, count));
    }

    [Fact]
    public async Task Checkers_racing_on_the_same_spike_open_one_episode()
    {
        var user = await app.UserWithUsualRateAsync(perHour: 10);
        await user.SpendTokensAsync(1_000);

        var opened = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => app.CheckAsync(user.UserId)));

        Assert.Single(await app.AlertsForAsync(user.UserId));
        Assert.True(opened.Sum() <= 1);
        Assert.All((await app.AdminNoticesAsync(user.Email)).Values, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task A_spike_is_noticed_after_the_spends_without_anyone_running_a_check()
    {
        var user = await app.UserWithUsualRateAsync(perHour: 10);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => user.SpendTokensAsync(25)));
        var alerts = await AlertSteps.EventuallyAsync(() => app.AlertsForAsync(user.UserId), a => a.Count > 0 && a[0].Observed == 500);

        var alert = Assert.Single(alerts);
        Assert.Equal(500, alert.Observed);
    }

    [Fact]
    public async Task A_spike_of_failed_payments_raises_one_alert()
    {
        var buyer = await app.NewApiUserAsync();
        app.Clock.Advance(TimeSpan.FromDays(8));
        for (var i = 0; i < 5; i++)
        {
            await app.FailedPaymentAsync(buyer.UserId);
        }

        var atFloor = await app.CheckPaymentsAsync();
        await app.FailedPaymentAsync(buyer.UserId);
        var over = await app.CheckPaymentsAsync();
        var again = await app.CheckPaymentsAsync();
        var alert = Assert.Single(await app.AlertsForAsync(AlertChecker.PaymentsSubject), a => a.EndedAt is null);

        Assert.Equal((false, true, false), (atFloor, over, again));
        Assert.Equal((AdminAlert.FailedPayments, 6L, 5L), (alert.Kind, alert.Observed, alert.Threshold));
        Assert.Null(alert.UserId);
        Assert.StartsWith("6 payments failed in the last hour", alert.Detail);
        Assert.All((await app.AdminNoticesAsync("6 payments failed")).Values, count => Assert.Equal(1, count));
    }
}

public sealed class SpendAlertTests_Sqlite(SqliteAlertsApp app) : SpendAlertTests(app), IClassFixture<SqliteAlertsApp>;

public sealed class SpendAlertTests_Postgres(PostgresAlertsApp app) : SpendAlertTests(app), IClassFixture<PostgresAlertsApp>;
