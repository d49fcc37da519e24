using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Ledger;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Ledger;

public abstract class SpendTests(TestApp app)
{
    [Fact]
    public async Task A_spend_takes_cost_times_quantity_and_writes_one_entry()
    {
        var user = await app.NewApiUserAsync();

        var response = await user.SpendAsync("template", "order-1", quantity: 2);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = await response.ReadJsonAsync();
        Assert.Equal(6, json.RootElement.GetProperty("spent").GetInt64());
        Assert.Equal(4, json.RootElement.GetProperty("balance").GetInt64());
        Assert.Equal("template", json.RootElement.GetProperty("feature").GetString());
        Assert.Equal(4, await user.BalanceAsync());
        var entry = await app.WithDbAsync(db => db.LedgerEntries.SingleAsync(e => e.IdempotencyKey == "order-1"
            && db.TokenAccounts.Any(a => a.Id == e.AccountId && a.UserId == user.UserId)));
        Assert.Equal((LedgerEntryType.Spend, -6L, 4L, 2), (entry.Type, entry.Amount, entry.BalanceAfter, entry.Quantity!.Value));
    }

    [Fact]
    public async Task Concurrent_spends_never_overdraw_an_account()
    {
        var user = await app.NewApiUserAsync();
        Assert.Equal(10, await user.BalanceAsync());

        var responses = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => user.SpendAsync("create_website", $"race-{i}")));

        Assert.Equal(10, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(54, responses.Count(r => r.StatusCode == HttpStatusCode.PaymentRequired));
        Assert.Equal(0, await user.BalanceAsync());
        Assert.True((await app.VerifyAsync()).Clean);
    }

    [Fact]
    public async Task Fifty_replays_of_one_key_write_one_entry_and_all_get_the_first_answer()
    {
        var user = await app.NewApiUserAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => user.SpendAsync("create_website", "same-key")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(async r =>
        {
            using var json = await r.ReadJsonAsync();
            return json.RootElement.GetProperty("entry_id").GetInt64();
        }));
        Assert.Single(ids.Distinct());
        Assert.Equal(9, await user.BalanceAsync());
        Assert.Equal(1, await app.WithDbAsync(db => db.LedgerEntries.CountAsync(e => e.Type == LedgerEntryType.Spend
            && db.TokenAccounts.Any(a => a.Id == e.AccountId && a.UserId == user.UserId))));
    }

    [Fact]
    public async Task The_same_key_for_a_different_request_is_a_conflict()
    {
        var user = await app.NewApiUserAsync();
        await user.SpendAsync("create_website", "k1");

        var differentFeature = await user.SpendAsync("template", "k1");
        var differentQuantity = await user.SpendAsync("create_website", "k1", quantity: 2);

        Assert.Equal(HttpStatusCode.Conflict, differentFeature.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, differentQuantity.StatusCode);
        Assert.Contains("already used", await differentFeature.ErrorAsync());
        Assert.Equal(9, await user.BalanceAsync());
    }

    [Fact]
    public async Task Insufficient_tokens_is_402_with_what_was_required_and_what_is_left()
    {
        var user = await app.NewApiUserAsync();

        var response = await user.SpendAsync("resume_parsing", "too-much", quantity: 2);

        Assert.Equal(HttpStatusCode.PaymentRequired, response.StatusCode);
        using var json = await response.ReadJsonAsync();
        Assert.Equal("insufficient tokens", json.RootElement.GetProperty("error").GetString());
        Assert.Equal(16, json.RootElement.GetProperty("required").GetInt64());
        Assert.Equal(10, json.RootElement.GetProperty("balance").GetInt64());
        Assert.Equal(10, await user.BalanceAsync());
    }

    [Fact]
    public async Task Free_features_need_no_balance_but_are_still_logged()
    {
        var user = await app.NewApiUserAsync();
        await user.DrainAsync();

        var response = await user.SpendAsync("preview", "free-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, await user.BalanceAsync());
        Assert.True(await app.WithDbAsync(db => db.LedgerEntries.AnyAsync(e => e.Feature == "preview" && e.Amount == 0
            && db.TokenAccounts.Any(a => a.Id == e.AccountId && a.UserId == user.UserId))));
    }

    [Fact]
    public async Task Tokens_are_spent_daily_then_plan_then_bonus_then_purchased()
    {
        var user = await app.NewApiUserAsync();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await user.GrantAsync(100, GrantBucket.Purchased);
        await user.GrantAsync(3, GrantBucket.Plan, now.AddDays(20));
        await user.GrantAsync(2, GrantBucket.Daily, now.AddHours(5));
        await user.GrantAsync(4, GrantBucket.Bonus, now.AddDays(2));

        // 2 daily + 3 plan + 4 expiring bonus + 6 of the welcome bonus = 15; purchased untouched.
        var response = await user.SpendAsync("create_website", "ordered", quantity: 15);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var balance = await user.LedgerAsync(l => l.GetBalanceAsync(user.UserId));
        Assert.Equal((0L, 0L, 4L, 100L),
            (balance[GrantBucket.Daily], balance[GrantBucket.Plan], balance[GrantBucket.Bonus], balance[GrantBucket.Purchased]));
    }

    [Fact]
    public async Task Expired_grants_cannot_be_spent_even_before_any_job_runs()
    {
        var user = await app.NewApiUserAsync();
        await user.DrainAsync();
        await user.GrantAsync(5, GrantBucket.Bonus, app.Clock.GetUtcNow().UtcDateTime.AddMinutes(1));
        Assert.Equal(5, await user.BalanceAsync());

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var response = await user.SpendAsync("create_website", "after-expiry");

        Assert.Equal(HttpStatusCode.PaymentRequired, response.StatusCode);
        Assert.Equal(0, await user.BalanceAsync());
        Assert.True((await app.VerifyAsync()).Clean);
    }

    [Fact]
    public async Task An_unlimited_account_is_never_refused_and_every_use_is_logged()
    {
        var user = await app.NewApiUserAsync();
        await user.DrainAsync();
        await user.LedgerAsync(l => l.SetUnlimitedAsync(user.UserId, true, Admins.Act()));

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => user.SpendAsync("career_path", $"u-{i}")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        using var balance = await user.Client.GetJsonAsync("/api/v1/balance");
        Assert.True(balance.RootElement.GetProperty("unlimited").GetBoolean());
        Assert.Equal(5, await app.WithDbAsync(db => db.LedgerEntries.CountAsync(e => e.Feature == "career_path"
            && db.TokenAccounts.Any(a => a.Id == e.AccountId && a.UserId == user.UserId))));
    }
}

public sealed class SpendTests_Sqlite(SqliteApp app) : SpendTests(app), IClassFixture<SqliteApp>;

public sealed class SpendTests_Postgres(PostgresApp app) : SpendTests(app), IClassFixture<PostgresApp>;
