using System.Net;
using System.Net.Http.Json;
using System.Text;
using TokenSaas.Identity;
using TokenSaas.Ledger;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Plans;

public abstract class PlanTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2030, 6, 10, 12, 0, 0, TimeSpan.Zero);

    protected abstract TestDatabase NewDatabase();

    protected virtual IReadOnlyDictionary<string, string>? Settings => null;

    protected TimeApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = new TimeApp(NewDatabase(), Settings);
        App.Clock.MoveTo(Start);
        await App.InitializeAsync();
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    [Fact]
    public async Task A_new_user_is_on_basic_with_a_thousand_tokens_this_month()
    {
        var user = await App.NewApiUserAsync();

        var usage = await UsageAsync(user);

        Assert.Equal(("basic", 1_000L, 0L, 1_000L), (usage.Plan, usage.TokenQuota, usage.TokenUsed, usage.Remaining));
        Assert.Null(usage.PlanEndAt);
    }

    [Fact]
    public async Task Upgrading_carries_the_remainder_over_as_in_the_seed()
    {
        var admin = await App.NewApiUserAsync(Roles.Admin);
        await SetPlanAsync(admin, new { plan = "standard" });
        var firstOfMonth = new DateTimeOffset(2030, 7, 1, 0, 0, 0, TimeSpan.Zero);
        App.Clock.MoveTo(firstOfMonth);
        await UseAsync(admin, 3_000);
        Assert.Equal((10_000L, 3_000L), ((await UsageAsync(admin)).TokenQuota, (await UsageAsync(admin)).TokenUsed));

        using var response = await SetPlanAsync(admin, new { plan = "premium" });

        var root = response.RootElement;
        Assert.Equal("success", root.GetProperty("status").GetString());
        Assert.Equal("premium", root.GetProperty("plan").GetString());
        Assert.Equal(57_000, root.GetProperty("token_quota").GetInt64());
        Assert.Equal(0, root.GetProperty("token_used").GetInt64());
        Assert.Equal(57_000, root.GetProperty("remaining").GetInt64());
        Assert.Equal(firstOfMonth.UtcDateTime.AddDays(30), (await UsageAsync(admin)).PlanEndAt);
        Assert.True((await App.VerifyAsync()).Clean);
    }

    [Fact]
    public async Task Downgrading_sets_the_new_base_and_keeps_what_was_used()
    {
        var admin = await App.NewApiUserAsync(Roles.Admin);
        await SetPlanAsync(admin, new { plan = "standard", reset_used = true });
        await UseAsync(admin, 3_000);

        using var response = await SetPlanAsync(admin, new { plan = "basic" });

        Assert.Equal((1_000L, 3_000L, -2_000L), (response.RootElement.GetProperty("token_quota").GetInt64(),
            response.RootElement.GetProperty("token_used").GetInt64(), response.RootElement.GetProperty("remaining").GetInt64()));
        Assert.Null((await UsageAsync(admin)).PlanEndAt);
        Assert.Equal(0, (await admin.LedgerAsync(l => l.GetBalanceAsync(admin.UserId)))[GrantBucket.Plan]);
        Assert.True((await App.VerifyAsync()).Clean);
    }

    [Fact]
    public async Task Reset_used_sets_use_back_to_zero()
    {
        var admin = await App.NewApiUserAsync(Roles.Admin);
        await UseAsync(admin, 400);

        using var response = await SetPlanAsync(admin, new { plan = "basic", reset_used = true });

        Assert.Equal((1_000L, 0L), (response.RootElement.GetProperty("token_quota").GetInt64(), response.RootElement.GetProperty("token_used").GetInt64()));
    }

    [Fact]
    public async Task A_user_needs_a_payment_to_move_up_to_a_paid_plan_and_cannot_reset_use()
    {
        var user = await App.NewApiUserAsync();

        var upgrade = await user.PostAsync("/api/tokens/set-plan", new { plan = "premium" });
        var reset = await user.PostAsync("/api/tokens/set-plan", new { plan = "basic", reset_used = true });

        Assert.Equal(HttpStatusCode.PaymentRequired, upgrade.StatusCode);
        Assert.Equal("payment required", await upgrade.ErrorAsync());
        Assert.Equal(HttpStatusCode.Forbidden, reset.StatusCode);
        Assert.Equal("basic", (await UsageAsync(user)).Plan);
    }

    [Fact]
    public async Task A_paid_plan_that_ends_falls_back_to_basic()
    {
        var admin = await App.NewApiUserAsync(Roles.Admin);
        await SetPlanAsync(admin, new { plan = "premium" });

        App.Clock.MoveTo(Start.AddDays(30).AddMinutes(1));
        var usage = await UsageAsync(admin);

        Assert.Equal(("basic", 1_000L, 0L), (usage.Plan, usage.TokenQuota, usage.TokenUsed));
        Assert.Null(usage.PlanEndAt);
        Assert.True((await App.VerifyAsync()).Clean);
    }

    [Fact]
    public async Task The_quota_resets_when_the_month_changes_and_only_then()
    {
        var user = await App.NewApiUserAsync();
        await UseAsync(user, 300);

        App.Clock.MoveTo(new DateTimeOffset(2030, 6, 30, 23, 59, 0, TimeSpan.Zero));
        var lastDay = await UsageAsync(user);
        App.Clock.MoveTo(new DateTimeOffset(2030, 7, 1, 0, 0, 0, TimeSpan.Zero));
        var firstDay = await UsageAsync(user);
        await UseAsync(user, 10);
        App.Clock.MoveTo(new DateTimeOffset(2030, 7, 20, 0, 0, 0, TimeSpan.Zero));
        var laterSameMonth = await UsageAsync(user);

        Assert.Equal(300, lastDay.TokenUsed);
        Assert.Equal((1_000L, 0L), (firstDay.TokenQuota, firstDay.TokenUsed));
        Assert.Equal(10, laterSameMonth.TokenUsed);
        Assert.True((await App.VerifyAsync()).Clean);
    }

    public static TheoryData<string, string, string> BadBodies => new()
    {
        { "unknown plan", """{"plan":"platinum"}""", "invalid plan" },
        { "no plan", """{}""", "invalid plan" },
        { "plan is a number", """{"plan":3}""", "invalid body" },
        { "reset_used is text", """{"plan":"basic","reset_used":"yes"}""", "invalid body" },
        { "not JSON", """plan=basic""", "invalid body" },
        { "empty", "", "invalid body" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_set_plan_bodies_get_the_seed_s_errors_and_change_nothing(string why, string body, string error)
    {
        var admin = await App.NewApiUserAsync(Roles.Admin);

        var response = await admin.Client.PostAsync("/api/tokens/set-plan", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, why);
        Assert.Equal(error, await response.ErrorAsync());
        Assert.Equal(("basic", 0L), ((await UsageAsync(admin)).Plan, (await UsageAsync(admin)).TokenUsed));
    }

    [Fact]
    public async Task Without_a_token_the_seed_endpoints_answer_unauthorized()
    {
        var anonymous = App.CreateBrowser();

        var usage = await anonymous.GetAsync("/api/tokens/usage");
        var setPlan = await anonymous.PostAsJsonAsync("/api/tokens/set-plan", new { plan = "basic" });

        Assert.Equal(HttpStatusCode.Unauthorized, usage.StatusCode);
        Assert.Equal("unauthorized", await usage.ErrorAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, setPlan.StatusCode);
    }

    protected async Task<PlanUsage> UsageAsync(ApiUser user)
    {
        using var json = await user.Client.GetJsonAsync("/api/tokens/usage");
        var root = json.RootElement;
        return new PlanUsage(root.GetProperty("plan").GetString()!, root.GetProperty("token_quota").GetInt64(),
            root.GetProperty("token_used").GetInt64(), root.GetProperty("remaining").GetInt64(),
            root.GetProperty("plan_end_at").ValueKind == System.Text.Json.JsonValueKind.Null ? null : root.GetProperty("plan_end_at").GetDateTime());
    }

    private static async Task<System.Text.Json.JsonDocument> SetPlanAsync(ApiUser user, object body)
    {
        var response = await user.PostAsync("/api/tokens/set-plan", body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    // Plan tokens are spent after the daily allowance: spend the day's 5 too.
    private static async Task UseAsync(ApiUser user, int planTokens)
    {
        for (var left = planTokens + 5; left > 0; left -= 1000)
        {
            var response = await user.SpendAsync("create_website", $"use-{Guid.NewGuid():N}", quantity: Math.Min(left, 1000));
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }
    }
}

public sealed class PlanTests_Sqlite : PlanTests
{
    protected override TestDatabase NewDatabase() => new SqliteTestDatabase();
}

public sealed class PlanTests_Postgres : PlanTests
{
    protected override TestDatabase NewDatabase() => new PostgresTestDatabase();
}
