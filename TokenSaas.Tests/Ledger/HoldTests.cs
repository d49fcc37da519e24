using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Ledger;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Ledger;

public abstract class HoldTests(TestApp app)
{
    [Fact]
    public async Task A_hold_reserves_at_once_and_a_failed_action_gets_the_tokens_back()
    {
        var user = await app.NewApiUserAsync();

        var hold = await HoldAsync(user, "resume_parsing", "h1");
        Assert.Equal(2, await user.BalanceAsync());
        var release = await user.PostAsync($"/api/v1/holds/{hold}/release", new { });

        Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        using var json = await release.ReadJsonAsync();
        Assert.Equal(8, json.RootElement.GetProperty("released").GetInt64());
        Assert.Equal(10, json.RootElement.GetProperty("balance").GetInt64());
        Assert.Equal(10, await user.BalanceAsync());
        Assert.True((await app.VerifyAsync()).Clean);
    }

    [Fact]
    public async Task A_captured_hold_stays_spent_and_cannot_be_released()
    {
        var user = await app.NewApiUserAsync();
        var hold = await HoldAsync(user, "cover_letter", "h2");

        var capture = await user.PostAsync($"/api/v1/holds/{hold}/capture", new { });
        var again = await user.PostAsync($"/api/v1/holds/{hold}/capture", new { });
        var release = await user.PostAsync($"/api/v1/holds/{hold}/release", new { });

        Assert.Equal(HttpStatusCode.OK, capture.StatusCode);
        using var first = await capture.ReadJsonAsync();
        using var second = await again.ReadJsonAsync();
        Assert.Equal(5, first.RootElement.GetProperty("spent").GetInt64());
        Assert.Equal(first.RootElement.GetProperty("entry_id").GetInt64(), second.RootElement.GetProperty("entry_id").GetInt64());
        Assert.Equal(HttpStatusCode.Conflict, release.StatusCode);
        Assert.Equal(5, await user.BalanceAsync());
    }

    [Fact]
    public async Task A_hold_left_too_long_is_released_by_the_sweep_and_can_no_longer_be_captured()
    {
        var user = await app.NewApiUserAsync();
        var hold = await HoldAsync(user, "cover_letter", "h3");

        app.Clock.Advance(TimeSpan.FromMinutes(11));
        await app.Services.GetRequiredService<LedgerSweeper>().SweepAsync(CancellationToken.None);
        var capture = await user.PostAsync($"/api/v1/holds/{hold}/capture", new { });

        Assert.Equal(10, await user.BalanceAsync());
        Assert.Equal(HttpStatusCode.Conflict, capture.StatusCode);
        Assert.Contains("expired", await capture.ErrorAsync());
    }

    [Fact]
    public async Task Capturing_after_the_timeout_returns_the_tokens_even_if_the_sweep_has_not_run()
    {
        var user = await app.NewApiUserAsync();
        var hold = await HoldAsync(user, "cover_letter", "h4");

        app.Clock.Advance(TimeSpan.FromMinutes(11));
        var capture = await user.PostAsync($"/api/v1/holds/{hold}/capture", new { });

        Assert.Equal(HttpStatusCode.Conflict, capture.StatusCode);
        Assert.Equal(10, await user.BalanceAsync());
    }

    [Fact]
    public async Task A_hold_larger_than_the_balance_is_refused_and_reserves_nothing()
    {
        var user = await app.NewApiUserAsync();

        var response = await user.PostAsync("/api/v1/holds", new { feature = "career_path", idempotency_key = "h5", quantity = 2 });

        Assert.Equal(HttpStatusCode.PaymentRequired, response.StatusCode);
        Assert.Equal(10, await user.BalanceAsync());
    }

    [Fact]
    public async Task Nobody_can_capture_or_release_someone_else_s_hold()
    {
        var owner = await app.NewApiUserAsync();
        var other = await app.NewApiUserAsync();
        var hold = await HoldAsync(owner, "cover_letter", "h6");

        var capture = await other.PostAsync($"/api/v1/holds/{hold}/capture", new { });
        var release = await other.PostAsync($"/api/v1/holds/{hold}/release", new { });

        Assert.Equal(HttpStatusCode.NotFound, capture.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, release.StatusCode);
        Assert.Equal(5, await owner.BalanceAsync());
    }

    private static async Task<long> HoldAsync(ApiUser user, string feature, string key)
    {
        var response = await user.PostAsync("/api/v1/holds", new { feature, idempotency_key = key });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = await response.ReadJsonAsync();
        return json.RootElement.GetProperty("hold_id").GetInt64();
    }
}

public sealed class HoldTests_Sqlite(SqliteApp app) : HoldTests(app), IClassFixture<SqliteApp>;

public sealed class HoldTests_Postgres(PostgresApp app) : HoldTests(app), IClassFixture<PostgresApp>;
