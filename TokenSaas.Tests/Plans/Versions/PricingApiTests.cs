using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TokenSaas.Audit;
using TokenSaas.Identity;
using TokenSaas.Tests.Infrastructure;
using static TokenSaas.Tests.Plans.Versions.PricingSteps;

namespace TokenSaas.Tests.Plans.Versions;

/// <summary>Seed 002's pricing endpoints for plans (SPEC 10.3): shapes, versions, preview, history, audit, access.</summary>
public abstract class PricingApiTests(TestApp app)
{
    private static readonly DateTimeOffset Later = DateTimeOffset.UtcNow.AddDays(40);

    [Fact]
    public async Task A_created_plan_is_listed_with_the_spec_s_fields_and_audited_with_its_reason()
    {
        var admin = await app.NewApiUserAsync(Roles.Admin);
        var key = NewKey();

        var created = await admin.Client.PostAsJsonAsync("/api/admin/pricing/plans", NewPlan(key, "Launching team plans"));
        using var list = await admin.Client.GetJsonAsync("/api/admin/pricing/plans");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using (var body = await created.ReadJsonAsync())
        {
            Assert.True(body.RootElement.GetProperty("published").GetBoolean());
            Assert.Equal(key, body.RootElement.GetProperty("plan").GetProperty("id").GetString());
        }

        var item = list.RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("key").GetString() == key);
        Assert.Equal(key, item.GetProperty("id").GetString());
        Assert.Equal("Team", item.GetProperty("name").GetString());
        Assert.Equal(5_000, item.GetProperty("monthly_tokens").GetInt64());
        Assert.Equal(30, item.GetProperty("duration_days").GetInt32());
        Assert.Equal([("INR", 19_900L), ("USD", 300L)], PricesOf(item));
        Assert.Equal(10, item.GetProperty("annual_discount_percent").GetInt32());
        Assert.True(item.GetProperty("active").GetBoolean());
        Assert.Equal(1, item.GetProperty("version").GetInt32());
        Assert.Equal(0, item.GetProperty("subscribers").GetInt32());
        // The seed's plans are listed too, each at its version.
        Assert.Contains(list.RootElement.GetProperty("items").EnumerateArray(), i => i.GetProperty("key").GetString() == "standard");

        var row = Assert.Single(await app.AuditRowsAsync(key));
        Assert.Equal((AuditActions.PlanCreate, AuditTargets.Plan, "Launching team plans", admin.Email), (row.Action, row.TargetType, row.Reason, row.ActorEmail));
        Assert.Null(row.Before);
        using var after = JsonDocument.Parse(row.After!);
        Assert.Equal(5_000, after.RootElement.GetProperty("monthly_tokens").GetInt64());
        Assert.Equal(1, after.RootElement.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_price_change_publishes_a_version_with_a_history_row_and_an_audit_row_before_and_after()
    {
        var admin = await app.NewApiUserAsync(Roles.Admin);
        var key = NewKey();
        (await admin.CreatePlanAsync(NewPlan(key, "Launch"))).Dispose();

        using var changed = await admin.ChangePlanAsync(key, new
        {
            prices = Prices(("INR", 24_900), ("USD", 300)), grandfather = false, effective_at = Later, reason = "Model costs went up",
        });
        using var history = await admin.Client.GetJsonAsync($"/api/admin/pricing/history/{key}");

        Assert.True(changed.RootElement.GetProperty("published").GetBoolean());
        Assert.Equal(2, changed.RootElement.GetProperty("plan").GetProperty("version").GetInt32());
        Assert.Equal([("INR", 24_900L), ("USD", 300L)], PricesOf(changed.RootElement.GetProperty("plan")));

        var items = history.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([2, 1], items.Select(i => i.GetProperty("version").GetInt32()));
        var newest = items[0];
        Assert.Equal("Model costs went up", newest.GetProperty("reason").GetString());
        Assert.Equal(admin.Email, newest.GetProperty("changed_by").GetString());
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, newest.GetProperty("changed_at").GetDateTime().ToUniversalTime(), TimeSpan.FromMinutes(1));
        Assert.Equal([("INR", 19_900L), ("USD", 300L)], PricesOf(newest.GetProperty("before")));
        Assert.Equal([("INR", 24_900L), ("USD", 300L)], PricesOf(newest.GetProperty("after")));
        Assert.Equal(5_000, newest.GetProperty("after").GetProperty("monthly_tokens").GetInt64());
        Assert.False(newest.GetProperty("grandfathered").GetBoolean());
        Assert.Equal(Later.UtcDateTime, newest.GetProperty("migrate_at").GetDateTime().ToUniversalTime(), TimeSpan.FromMilliseconds(1));
        Assert.Equal(JsonValueKind.Null, items[1].GetProperty("before").ValueKind);
        Assert.Equal("Launch", items[1].GetProperty("reason").GetString());

        var rows = await app.AuditRowsAsync(key);
        Assert.Equal([AuditActions.PlanCreate, AuditActions.PlanVersion], rows.Select(r => r.Action));
        var version = rows[1];
        Assert.Equal(("Model costs went up", admin.Email), (version.Reason, version.ActorEmail));
        using var before = JsonDocument.Parse(version.Before!);
        using var after = JsonDocument.Parse(version.After!);
        Assert.Equal(1, before.RootElement.GetProperty("version").GetInt32());
        Assert.Equal([("INR", 19_900L), ("USD", 300L)], PricesOf(before.RootElement));
        Assert.Equal(2, after.RootElement.GetProperty("plan").GetProperty("version").GetInt32());
        Assert.Equal([("INR", 24_900L), ("USD", 300L)], PricesOf(after.RootElement.GetProperty("plan")));
        Assert.False(after.RootElement.GetProperty("grandfather").GetBoolean());
        Assert.True((await app.VerifyAuditAsync()).Intact);
    }

    [Fact]
    public async Task Renaming_a_plan_edits_its_card_without_a_new_version()
    {
        var admin = await app.NewApiUserAsync(Roles.Admin);
        var key = NewKey();
        (await admin.CreatePlanAsync(NewPlan(key, "Launch"))).Dispose();

        using var renamed = await admin.ChangePlanAsync(key, new { name = "Team plus", reason = "Clearer name" });
        using var history = await admin.Client.GetJsonAsync($"/api/admin/pricing/history/{key}");

        Assert.False(renamed.RootElement.GetProperty("published").GetBoolean());
        Assert.Equal(("Team plus", 1), (renamed.RootElement.GetProperty("plan").GetProperty("name").GetString(),
            renamed.RootElement.GetProperty("plan").GetProperty("version").GetInt32()));
        Assert.Single(history.RootElement.GetProperty("items").EnumerateArray());
        var row = (await app.AuditRowsAsync(key)).Last();
        Assert.Equal((AuditActions.PlanUpdate, "Clearer name"), (row.Action, row.Reason));
        using var before = JsonDocument.Parse(row.Before!);
        using var after = JsonDocument.Parse(row.After!);
        Assert.Equal("Team", before.RootElement.GetProperty("name").GetString());
        Assert.Equal("Team plus", after.RootElement.GetProperty("plan").GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_same_idempotency_key_sent_twice_applies_a_change_once()
    {
        var admin = await app.NewApiUserAsync(Roles.Admin);
        var key = NewKey();
        var create = NewPlan(key, "Launch", idempotencyKey: $"create-{key}");
        var change = new { monthly_tokens = 6_000, reason = "More tokens", idempotency_key = $"change-{key}" };

        var created = await admin.Client.PostAsJsonAsync("/api/admin/pricing/plans", create);
        var createdAgain = await admin.Client.PostAsJsonAsync("/api/admin/pricing/plans", create);
        using var first = await admin.ChangePlanAsync(key, change);
        using var second = await admin.ChangePlanAsync(key, change);
        using var history = await admin.Client.GetJsonAsync($"/api/admin/pricing/history/{key}");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (created.StatusCode, createdAgain.StatusCode));
        using (var again = await createdAgain.ReadJsonAsync())
        {
            Assert.True(again.RootElement.GetProperty("replayed").GetBoolean());
        }

        Assert.False(first.RootElement.GetProperty("replayed").GetBoolean());
        Assert.True(second.RootElement.GetProperty("replayed").GetBoolean());
        Assert.Equal((2, 6_000L), (second.RootElement.GetProperty("plan").GetProperty("version").GetInt32(),
            second.RootElement.GetProperty("plan").GetProperty("monthly_tokens").GetInt64()));
        Assert.Equal([2, 1], history.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("version").GetInt32()));
        Assert.Equal([AuditActions.PlanCreate, AuditActions.PlanVersion], (await app.AuditRowsAsync(key)).Select(r => r.Action));
    }

    [Fact]
    public async Task An_idempotency_key_reused_for_another_plan_is_a_conflict_and_changes_nothing()
    {
        var admin = await app.NewApiUserAsync(Roles.Admin);
        var (first, second) = (NewKey(), NewKey());
        var createKey = $"create-{first}";
        (await admin.CreatePlanAsync(NewPlan(first, "Launch", idempotencyKey: createKey))).Dispose();

        var created = await admin.Client.PostAsJsonAsync("/api/admin/pricing/plans", NewPlan(second, "Launch another", idempotencyKey: createKey));
        Assert.Equal(HttpStatusCode.Conflict, created.StatusCode);
        Assert.Equal($"idempotency_key: '{createKey}' was already used for plan '{first}'.", await created.ErrorAsync());
        (await admin.CreatePlanAsync(NewPlan(second, "Launch another"))).Dispose();

        var changeKey = $"change-{first}";
        (await admin.ChangePlanAsync(first, new { monthly_tokens = 6_000, reason = "More tokens", idempotency_key = changeKey })).Dispose();
        var changed = await admin.PutPlanAsync(second, new { monthly_tokens = 7_000, reason = "More tokens", idempotency_key = changeKey });

        Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        Assert.Equal($"idempotency_key: '{changeKey}' was already used for plan '{first}'.", await changed.ErrorAsync());
        Assert.Equal([AuditActions.PlanCreate], (await app.AuditRowsAsync(second)).Select(r => r.Action));
        using var list = await admin.Client.GetJsonAsync("/api/admin/pricing/plans");
        var item = list.RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("key").GetString() == second);
        Assert.Equal((1, 5_000L), (item.GetProperty("version").GetInt32(), item.GetProperty("monthly_tokens").GetInt64()));
    }

    [Fact]
    public async Task The_preview_counts_subscribers_revenue_and_tokens_before_and_after_and_saves_nothing()
    {
        var admin = await app.NewApiUserAsync(Roles.Admin);
        var key = NewKey();
        (await admin.CreatePlanAsync(new
        {
            key, name = "Team", monthly_tokens = 1_000, duration_days = 30, prices = Prices(("INR", 10_000), ("USD", 200)), reason = "Launch",
        })).Dispose();
        for (var i = 0; i < 2; i++)
        {
            await (await app.NewApiUserAsync()).BuyAsync(key);
        }

        (await admin.ChangePlanAsync(key, new { monthly_tokens = 2_000, prices = Prices(("INR", 15_000), ("USD", 300)), reason = "v2" })).Dispose();
        await (await app.NewApiUserAsync()).BuyAsync(key);
        var change = new { monthly_tokens = 3_000, prices = Prices(("INR", 20_000), ("USD", 400)), grandfather = false, effective_at = Later };

        using var migrate = await PreviewAsync(admin, key, change);
        using var grandfather = await PreviewAsync(admin, key, new { monthly_tokens = 3_000, prices = Prices(("INR", 20_000), ("USD", 400)) });
        using var rename = await PreviewAsync(admin, key, new { name = "Team plus" });

        // Two subscribers on v1 (₹100, 1,000 tokens), one on v2 (₹150, 2,000 tokens); migrating moves all three to ₹200 and 3,000.
        var m = migrate.RootElement;
        Assert.Equal((3, 3, 3), (m.GetProperty("subscribers").GetInt32(), m.GetProperty("affected").GetInt32(), m.GetProperty("new_version").GetInt32()));
        Assert.Equal(("INR", 35_000L, 60_000L), (m.GetProperty("currency").GetString(), m.GetProperty("revenue_before").GetInt64(), m.GetProperty("revenue_after").GetInt64()));
        Assert.Equal((4_000L, 9_000L), (m.GetProperty("tokens_before").GetInt64(), m.GetProperty("tokens_after").GetInt64()));
        var usd = m.GetProperty("by_currency").EnumerateArray().Single(c => c.GetProperty("currency").GetString() == "USD");
        Assert.Equal((700L, 1_200L), (usd.GetProperty("revenue_before").GetInt64(), usd.GetProperty("revenue_after").GetInt64()));
        // Grandfathered, nobody's terms change.
        var g = grandfather.RootElement;
        Assert.Equal((3, 0), (g.GetProperty("subscribers").GetInt32(), g.GetProperty("affected").GetInt32()));
        Assert.Equal((35_000L, 35_000L, 4_000L, 4_000L), (g.GetProperty("revenue_before").GetInt64(), g.GetProperty("revenue_after").GetInt64(),
            g.GetProperty("tokens_before").GetInt64(), g.GetProperty("tokens_after").GetInt64()));
        Assert.Equal(JsonValueKind.Null, rename.RootElement.GetProperty("new_version").ValueKind);

        using var list = await admin.Client.GetJsonAsync("/api/admin/pricing/plans");
        var item = list.RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("key").GetString() == key);
        Assert.Equal((2, 3, "Team"), (item.GetProperty("version").GetInt32(), item.GetProperty("subscribers").GetInt32(), item.GetProperty("name").GetString()));
        Assert.Equal(2, (await app.AuditRowsAsync(key)).Count);
    }

    [Fact]
    public async Task Admins_publishing_at_once_each_get_a_whole_version_or_a_conflict()
    {
        var admin = await app.NewApiUserAsync(Roles.Admin);
        var key = NewKey();
        (await admin.CreatePlanAsync(NewPlan(key, "Launch"))).Dispose();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            admin.PutPlanAsync(key, new { monthly_tokens = 6_000 + i, reason = $"Editor {i}" })));
        using var history = await admin.Client.GetJsonAsync($"/api/admin/pricing/history/{key}");

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        var published = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        Assert.InRange(published, 1, 4);
        var items = history.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, published + 1).Reverse(), items.Select(i => i.GetProperty("version").GetInt32()));
        // Each version replaced the one before it, none was overwritten.
        for (var i = 0; i + 1 < items.Count; i++)
        {
            Assert.Equal(items[i + 1].GetProperty("after").GetProperty("monthly_tokens").GetInt64(),
                items[i].GetProperty("before").GetProperty("monthly_tokens").GetInt64());
        }

        Assert.Equal(published, (await app.AuditRowsAsync(key)).Count(r => r.Action == AuditActions.PlanVersion));
        using var list = await admin.Client.GetJsonAsync("/api/admin/pricing/plans");
        var item = list.RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("key").GetString() == key);
        Assert.Equal((published + 1, items[0].GetProperty("after").GetProperty("monthly_tokens").GetInt64()),
            (item.GetProperty("version").GetInt32(), item.GetProperty("monthly_tokens").GetInt64()));
        Assert.True((await app.VerifyAuditAsync()).Intact);
    }

    [Theory]
    [InlineData("PUT", "/api/admin/pricing/plans/no_such_plan")]
    [InlineData("POST", "/api/admin/pricing/plans/no_such_plan/preview")]
    [InlineData("GET", "/api/admin/pricing/history/no_such_plan")]
    public async Task An_unknown_plan_is_not_found(string method, string url)
    {
        var admin = await app.NewApiUserAsync(Roles.Admin);

        var response = await admin.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url)
        {
            Content = method == "GET" ? null : JsonContent.Create(new { monthly_tokens = 10, reason = "r" }),
        });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("plan 'no_such_plan' not found", await response.ErrorAsync());
    }

    [Theory]
    [InlineData("GET", "/api/admin/pricing/plans")]
    [InlineData("POST", "/api/admin/pricing/plans")]
    [InlineData("PUT", "/api/admin/pricing/plans/standard")]
    [InlineData("POST", "/api/admin/pricing/plans/standard/preview")]
    [InlineData("GET", "/api/admin/pricing/history/standard")]
    public async Task Only_admins_may_call_the_pricing_endpoints(string method, string url)
    {
        var user = await app.NewApiUserAsync();
        var admin = await app.NewApiUserAsync(Roles.Admin);
        HttpRequestMessage Request() => new(new HttpMethod(method), url) { Content = method == "GET" ? null : JsonContent.Create(new { }) };

        var anonymous = await app.CreateClient().SendAsync(Request());
        var forbidden = await user.Client.SendAsync(Request());

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("unauthorized", await anonymous.ErrorAsync());
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, (await admin.Client.SendAsync(Request())).StatusCode);
        Assert.True(method == "GET" || (await app.AuditRowsAsync("standard")).Count == 0, "a refused call changed the plan");
    }

    [Fact]
    public async Task The_admin_api_key_may_change_plans_too()
    {
        var admin = await app.NewApiUserAsync(Roles.Admin);
        var key = NewKey();
        (await admin.CreatePlanAsync(NewPlan(key, "Launch"))).Dispose();

        var response = await app.AdminApi().PutJsonAsync($"/api/admin/pricing/plans/{key}", new { monthly_tokens = 7_000, reason = "From the billing service" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = (await app.AuditRowsAsync(key)).Last();
        Assert.Equal((AuditActions.PlanVersion, "From the billing service"), (row.Action, row.Reason));
    }

    internal static string NewKey() => "t_" + Guid.NewGuid().ToString("N")[..12];

    internal static object NewPlan(string key, string reason, string? idempotencyKey = null) => new
    {
        key, name = "Team", description = "For small teams", monthly_tokens = 5_000, duration_days = 30,
        prices = Prices(("INR", 19_900), ("USD", 300)), annual_discount_percent = 10, bullets = new[] { "5,000 tokens", "Priority support" },
        reason, idempotency_key = idempotencyKey,
    };

    internal static List<(string, long)> PricesOf(JsonElement element) => element.GetProperty("prices").EnumerateArray()
        .Select(p => (p.GetProperty("currency").GetString()!, p.GetProperty("amount").GetInt64())).ToList();

    private static async Task<JsonDocument> PreviewAsync(ApiUser admin, string key, object body)
    {
        var response = await admin.Client.PostAsJsonAsync($"/api/admin/pricing/plans/{key}/preview", body);
        Assert.True(response.IsSuccessStatusCode, $"preview answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }
}

public sealed class PricingApiTests_Sqlite(SqliteApp app) : PricingApiTests(app), IClassFixture<SqliteApp>;

public sealed class PricingApiTests_Postgres(PostgresApp app) : PricingApiTests(app), IClassFixture<PostgresApp>;
