using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Ledger;
using TokenSaas.Scheduling;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Plans;

public abstract class DailyAllowanceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2030, 3, 10, 9, 0, 0, TimeSpan.Zero);

    protected abstract TestDatabase NewDatabase();

    protected TimeApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = new TimeApp(NewDatabase());
        App.Clock.MoveTo(Start);
        await App.InitializeAsync();
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    [Fact]
    public async Task A_user_with_two_daily_tokens_left_at_23_59_has_five_at_midnight()
    {
        var user = await App.NewApiUserAsync();
        Assert.Equal(5, await DailyAsync(user));
        await user.SpendAsync("template", "three");
        App.Clock.MoveTo(new DateTimeOffset(2030, 3, 10, 23, 59, 0, TimeSpan.Zero));
        Assert.Equal(2, await DailyAsync(user));

        App.Clock.MoveTo(new DateTimeOffset(2030, 3, 11, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(5, await DailyAsync(user));
        var entries = await EntriesAsync(user, LedgerEntryType.DailyReset);
        Assert.Equal(2, entries.Count);
        Assert.Equal(5, entries[^1].Amount);
        Assert.Equal(new DateTime(2030, 3, 11, 0, 0, 0, DateTimeKind.Utc), entries[^1].CreatedAt);
        Assert.True((await App.VerifyAsync()).Clean);
    }

    [Fact]
    public async Task Unused_daily_tokens_do_not_add_up()
    {
        var user = await App.NewApiUserAsync();

        App.Clock.MoveTo(Start.AddDays(3));

        Assert.Equal(5, await DailyAsync(user));
        var expired = Assert.Single(await EntriesAsync(user, LedgerEntryType.Expire));
        Assert.Equal((-5L, GrantBucket.Daily), (expired.Amount, expired.Bucket!.Value));
    }

    [Fact]
    public async Task The_sweep_a_lazy_read_and_a_second_sweep_racing_grant_once()
    {
        var users = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => App.NewApiUserAsync()));
        App.Clock.MoveTo(Start.AddDays(1).Date);
        var sweeps = App.Services.GetRequiredService<PeriodSweeps>();

        await Task.WhenAll(
            sweeps.SweepAsync(CancellationToken.None),
            Task.WhenAll(users.Select(u => u.BalanceAsync())),
            sweeps.SweepAsync(CancellationToken.None));

        foreach (var user in users)
        {
            Assert.Equal(2, (await EntriesAsync(user, LedgerEntryType.DailyReset)).Count);
            Assert.Equal(5, await DailyAsync(user));
        }

        Assert.Equal(0, (await sweeps.SweepAsync(CancellationToken.None)).Reset);
        Assert.True((await App.VerifyAsync()).Clean);
    }

    [Fact]
    public async Task The_cron_endpoint_refills_everyone_once()
    {
        var users = new[] { await App.NewApiUserAsync(), await App.NewApiUserAsync() };
        App.Clock.MoveTo(Start.AddDays(1).Date);
        var cron = App.CreateBrowser();
        cron.DefaultRequestHeaders.Add("X-Api-Key", TestApp.AdminApiKey);

        using var first = await (await cron.PostAsync("/api/billing/daily-reset", null)).ReadJsonAsync();
        using var second = await (await cron.PostAsync("/api/billing/daily-reset", null)).ReadJsonAsync();

        Assert.Equal("2030-03-11", first.RootElement.GetProperty("date").GetString());
        Assert.True(first.RootElement.GetProperty("reset").GetInt32() >= users.Length);
        Assert.Equal(0, second.RootElement.GetProperty("reset").GetInt32());
        foreach (var user in users)
        {
            Assert.Equal(2, (await EntriesAsync(user, LedgerEntryType.DailyReset)).Count);
        }
    }

    [Fact]
    public async Task The_status_endpoint_says_a_refill_is_due_before_it_happens()
    {
        var user = await App.NewApiUserAsync();
        App.Clock.MoveTo(Start.AddDays(1).Date.AddHours(8));

        using var before = await user.Client.GetJsonAsync("/api/billing/daily-reset");
        using var balance = await user.Client.GetJsonAsync("/api/billing/balance");
        using var after = await user.Client.GetJsonAsync("/api/billing/daily-reset");

        Assert.True(before.RootElement.GetProperty("due").GetBoolean());
        Assert.False(after.RootElement.GetProperty("due").GetBoolean());
        Assert.Equal(new DateTime(2030, 3, 12, 0, 0, 0, DateTimeKind.Utc), after.RootElement.GetProperty("nextTokenReset").GetDateTime());
        Assert.Equal(1_015, balance.RootElement.GetProperty("balanceTokens").GetInt64());
    }

    [Fact]
    public async Task Cron_reset_needs_the_admin_key()
    {
        var user = await App.NewApiUserAsync();

        var response = await user.Client.PostAsync("/api/billing/daily-reset", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<long> DailyAsync(ApiUser user) =>
        (await user.LedgerAsync(l => l.GetBalanceAsync(user.UserId)))[GrantBucket.Daily];

    private Task<List<LedgerEntry>> EntriesAsync(ApiUser user, LedgerEntryType type) => App.WithDbAsync(db => db.LedgerEntries
        .Where(e => e.Type == type && db.TokenAccounts.Any(a => a.Id == e.AccountId && a.UserId == user.UserId))
        .OrderBy(e => e.Id).ToListAsync());
}

public sealed class DailyAllowanceTests_Sqlite : DailyAllowanceTests
{
    protected override TestDatabase NewDatabase() => new SqliteTestDatabase();
}

public sealed class DailyAllowanceTests_Postgres : DailyAllowanceTests
{
    protected override TestDatabase NewDatabase() => new PostgresTestDatabase();
}
