using System.Net;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Admin;

/// <summary>Admin-set spend limits: over them the API answers 429 with when to retry, and nothing is written.</summary>
public abstract class ThrottleTests(TestApp app)
{
    [Fact]
    public async Task A_throttled_user_gets_429_with_retry_after_and_nothing_is_written()
    {
        var user = await app.NewApiUserAsync();
        await user.GrantAsync(100);
        var limits = await app.AdminApi().PutJsonAsync($"/api/admin/tokens/users/{user.UserId}/limits",
            new { per_hour = 3, reason = "suspected abuse" });
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await user.SpendAsync("create_website", $"t-{i}")).StatusCode);
        }

        app.Clock.Advance(TimeSpan.FromMinutes(20));
        var refused = await user.SpendAsync("create_website", "t-over");
        var entries = await app.WithDbAsync(db => db.LedgerEntries.CountAsync(e => e.IdempotencyKey == "t-over"));

        Assert.Equal(HttpStatusCode.OK, limits.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        using var json = await refused.ReadJsonAsync();
        Assert.Equal("limit exceeded", json.RootElement.GetProperty("error").GetString());
        Assert.InRange(json.RootElement.GetProperty("retry_after").GetInt32(), 40 * 60 - 5, 40 * 60 + 5);
        Assert.Equal(json.RootElement.GetProperty("retry_after").GetInt32().ToString(), refused.Headers.RetryAfter!.ToString());
        Assert.Equal(0, entries);
        Assert.Equal(107, await user.BalanceAsync());
    }

    [Fact]
    public async Task The_limit_frees_up_as_spends_leave_the_window()
    {
        var user = await app.NewApiUserAsync();
        await app.AdminApi().PutJsonAsync($"/api/admin/tokens/users/{user.UserId}/limits", new { per_day = 2, reason = "trial" });
        await user.SpendAsync("create_website", "w-1");
        await user.SpendAsync("create_website", "w-2");

        var refused = await user.SpendAsync("create_website", "w-3");
        app.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        var later = await user.SpendAsync("create_website", "w-4");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    [Fact]
    public async Task Refunded_spends_do_not_count_against_the_limit()
    {
        var user = await app.NewApiUserAsync();
        await app.AdminApi().PutJsonAsync($"/api/admin/tokens/users/{user.UserId}/limits", new { per_hour = 1, reason = "trial" });
        using var spent = await (await user.SpendAsync("create_website", "r-1")).ReadJsonAsync();
        await user.LedgerAsync(l => l.AdminRefundAsync(spent.RootElement.GetProperty("entry_id").GetInt64(), Admins.Act("failed run")));

        Assert.Equal(HttpStatusCode.OK, (await user.SpendAsync("create_website", "r-2")).StatusCode);
    }

    [Theory]
    [InlineData("""{"per_hour":0,"reason":"r"}""")]
    [InlineData("""{"per_hour":-1,"reason":"r"}""")]
    [InlineData("""{"per_day":"lots","reason":"r"}""")]
    [InlineData("""{"per_hour":5}""")]
    public async Task Bad_limits_are_refused(string json)
    {
        var user = await app.NewApiUserAsync();

        var response = await app.AdminApi().PutAsync($"/api/admin/tokens/users/{user.UserId}/limits",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.TargetId == user.UserId)));
    }
}

public sealed class ThrottleTests_Sqlite(SqliteApp app) : ThrottleTests(app), IClassFixture<SqliteApp>;

public sealed class ThrottleTests_Postgres(PostgresApp app) : ThrottleTests(app), IClassFixture<PostgresApp>;
