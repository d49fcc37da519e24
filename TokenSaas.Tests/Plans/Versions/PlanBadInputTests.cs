using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TokenSaas.Audit;
using TokenSaas.Identity;
using TokenSaas.Tests.Infrastructure;
using static TokenSaas.Tests.Plans.Versions.PricingApiTests;
using static TokenSaas.Tests.Plans.Versions.PricingSteps;

namespace TokenSaas.Tests.Plans.Versions;

/// <summary>Bad plan changes over the API: each is refused with a message naming the problem, and the plan stays as it was.</summary>
public abstract class PlanBadInputTests(TestApp app)
{
    private const string Reason = "Say why (at most 200 characters); it goes into the price history and the audit log.";

    public static TheoryData<string, string, string> BadChanges => new()
    {
        { "negative price", """{"prices":[{"currency":"INR","amount":-100}],"reason":"r"}""",
            "prices: The INR price must be 0 or more, in whole minor units (paise, cents)." },
        { "price in rupees with paise", """{"prices":[{"currency":"INR","amount":29.5}],"reason":"r"}""", "invalid body: amount must be a whole number" },
        { "price as text", """{"prices":[{"currency":"INR","amount":"2900"}],"reason":"r"}""", "invalid body: amount must be a whole number" },
        { "tokens as text", """{"monthly_tokens":"abc","reason":"r"}""", "invalid body: monthly_tokens must be a whole number" },
        { "fractional tokens", """{"monthly_tokens":1000.5,"reason":"r"}""", "invalid body: monthly_tokens must be a whole number" },
        { "negative tokens", """{"monthly_tokens":-5,"reason":"r"}""", "monthly_tokens: Monthly tokens must be a whole number from 0 to 100,000,000." },
        { "too many tokens", """{"monthly_tokens":200000000,"reason":"r"}""", "monthly_tokens: Monthly tokens must be a whole number from 0 to 100,000,000." },
        { "unknown currency", """{"prices":[{"currency":"XYZ","amount":100}],"reason":"r"}""", "prices: Unknown currency 'XYZ': use one of INR, USD." },
        { "currency twice", """{"prices":[{"currency":"INR","amount":100},{"currency":"inr","amount":200}],"reason":"r"}""", "prices: INR is listed twice." },
        { "no price at all", """{"prices":[],"reason":"r"}""", "prices: Give a price in at least one currency." },
        { "empty reason", """{"monthly_tokens":6000,"reason":""}""", "reason: " + Reason },
        { "blank reason", """{"monthly_tokens":6000,"reason":"   "}""", "reason: " + Reason },
        { "no reason", """{"monthly_tokens":6000}""", "reason: " + Reason },
        { "reason too long", """{"monthly_tokens":6000,"reason":"LONG"}""", "reason: " + Reason },
        { "paid with no end", """{"duration_days":null,"reason":"r"}""", "duration_days: A paid plan needs a duration: how many days one payment buys." },
        { "zero-day period", """{"duration_days":0,"reason":"r"}""", "duration_days: A paid period lasts 1 to 3,660 days (leave it empty for no end)." },
        { "annual discount over 90", """{"annual_discount_percent":95,"reason":"r"}""",
            "annual_discount_percent: The annual discount is 0 to 90 % (leave it empty for no annual offer)." },
        { "no name", """{"name":"","reason":"r"}""", "name: Give the plan a name of at most 60 characters." },
        { "migration in the past", """{"monthly_tokens":6000,"grandfather":false,"effective_at":"2020-01-01T00:00:00Z","reason":"r"}""",
            "effective_at: The migration date is in the past; choose today or a later day." },
        { "malformed JSON", """{"monthly_tokens":6000,""", "invalid body: malformed JSON" },
        { "prices as text", """{"prices":"INR 2900","reason":"r"}""", "invalid body: the value of prices is not valid" },
        { "a price as a number", """{"prices":[2900],"reason":"r"}""", "invalid body: each price is {\"currency\", \"amount\"}" },
        { "active as text", """{"active":"no","reason":"r"}""", "invalid body: the value of active is not valid" },
        { "migration date while grandfathering", """{"monthly_tokens":6000,"effective_at":"2099-01-01T00:00:00Z","reason":"r"}""",
            "effective_at: A migration date applies only when subscribers migrate (grandfather: false); grandfathered subscribers keep their version." },
        { "migration date as words", """{"monthly_tokens":6000,"grandfather":false,"effective_at":"next week","reason":"r"}""",
            "invalid body: the value of effective_at is not valid" },
        { "two problems", """{"monthly_tokens":-1,"prices":[],"reason":"r"}""",
            "monthly_tokens: Monthly tokens must be a whole number from 0 to 100,000,000. prices: Give a price in at least one currency." },
    };

    [Theory]
    [MemberData(nameof(BadChanges))]
    public async Task A_bad_change_is_refused_with_a_message_naming_the_problem_and_the_plan_stays_as_it_was(string why, string body, string error)
    {
        var admin = await app.NewApiUserAsync(Roles.Admin);
        var key = NewKey();
        (await admin.CreatePlanAsync(NewPlan(key, "Launch"))).Dispose();

        var change = await SendAsync(admin, HttpMethod.Put, $"/api/admin/pricing/plans/{key}", body);
        var preview = await SendAsync(admin, HttpMethod.Post, $"/api/admin/pricing/plans/{key}/preview", body);

        Assert.True(change.StatusCode == HttpStatusCode.BadRequest, $"{why}: {(int)change.StatusCode} {await change.Content.ReadAsStringAsync()}");
        Assert.Equal(error, await change.ErrorAsync());
        // The preview checks the same rules (a reason aside: a preview saves nothing).
        Assert.True(why.Contains("reason") || preview.StatusCode == HttpStatusCode.BadRequest, $"preview of {why}: {(int)preview.StatusCode}");
        await AssertUnchangedAsync(admin, key);
    }

    [Fact]
    public async Task A_change_saved_over_a_newer_version_is_refused_as_a_conflict()
    {
        var admin = await app.NewApiUserAsync(Roles.Admin);
        var key = NewKey();
        (await admin.CreatePlanAsync(NewPlan(key, "Launch"))).Dispose();
        (await admin.ChangePlanAsync(key, new { monthly_tokens = 6_000, reason = "First editor" })).Dispose();

        var stale = await admin.PutPlanAsync(key, new { monthly_tokens = 7_000, expected_version = 1, reason = "Second editor" });

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("version: Someone published version 2 while you were editing version 1. Reload the plan and make your change again.",
            await stale.ErrorAsync());
        var plan = await PlanAsync(admin, key);
        Assert.Equal((2, 6_000L), (plan.GetProperty("version").GetInt32(), plan.GetProperty("monthly_tokens").GetInt64()));
    }

    public static TheoryData<string, string, HttpStatusCode, string> BadPlans => new()
    {
        { "no price in any currency", """{"key":"KEY","name":"Team","monthly_tokens":100,"duration_days":30,"reason":"r"}""",
            HttpStatusCode.BadRequest, "prices: Give a price in at least one currency." },
        { "negative price", """{"key":"KEY","name":"Team","monthly_tokens":100,"duration_days":30,"prices":[{"currency":"USD","amount":-1}],"reason":"r"}""",
            HttpStatusCode.BadRequest, "prices: The USD price must be 0 or more, in whole minor units (paise, cents)." },
        { "no quota", """{"key":"KEY","name":"Team","duration_days":30,"prices":[{"currency":"USD","amount":100}],"reason":"r"}""",
            HttpStatusCode.BadRequest, "monthly_tokens: Monthly tokens must be a whole number from 0 to 100,000,000." },
        { "paid with no end", """{"key":"KEY","name":"Team","monthly_tokens":100,"prices":[{"currency":"USD","amount":100}],"reason":"r"}""",
            HttpStatusCode.BadRequest, "duration_days: A paid plan needs a duration: how many days one payment buys." },
        { "empty reason", """{"key":"KEY","name":"Team","monthly_tokens":100,"duration_days":30,"prices":[{"currency":"USD","amount":100}],"reason":""}""",
            HttpStatusCode.BadRequest, "reason: " + Reason },
        { "key with spaces", """{"key":"Team Plan","name":"Team","monthly_tokens":100,"duration_days":30,"prices":[{"currency":"USD","amount":100}],"reason":"r"}""",
            HttpStatusCode.BadRequest, "key: Use 2 to 30 lower-case letters, digits or underscores, e.g. \"team\"." },
        { "key taken", """{"key":"standard","name":"Team","monthly_tokens":100,"duration_days":30,"prices":[{"currency":"USD","amount":100}],"reason":"r"}""",
            HttpStatusCode.Conflict, "key: There is already a plan with the key \"standard\"." },
        { "malformed JSON", """{"key":"KEY","name":""", HttpStatusCode.BadRequest, "invalid body: malformed JSON" },
    };

    [Theory]
    [MemberData(nameof(BadPlans))]
    public async Task A_bad_new_plan_is_refused_with_a_clear_message_and_nothing_is_created(string why, string body, HttpStatusCode status, string error)
    {
        var admin = await app.NewApiUserAsync(Roles.Admin);
        var key = NewKey();

        var response = await SendAsync(admin, HttpMethod.Post, "/api/admin/pricing/plans", body.Replace("KEY", key));

        Assert.True(response.StatusCode == status, $"{why}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(error, await response.ErrorAsync());
        using var list = await admin.Client.GetJsonAsync("/api/admin/pricing/plans");
        Assert.DoesNotContain(list.RootElement.GetProperty("items").EnumerateArray(), i => i.GetProperty("key").GetString() == key);
        Assert.Empty(await app.AuditRowsAsync(key));
        var standard = list.RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("key").GetString() == "standard");
        Assert.Equal(("Standard", 10_000L), (standard.GetProperty("name").GetString(), standard.GetProperty("monthly_tokens").GetInt64()));
        Assert.DoesNotContain(await app.AuditRowsAsync("standard"), r => r.Action == AuditActions.PlanCreate);
    }

    [Fact]
    public async Task Hiding_the_last_plan_on_sale_is_refused()
    {
        var admin = await app.NewApiUserAsync(Roles.Admin);
        var key = NewKey();
        (await admin.CreatePlanAsync(NewPlan(key, "Launch"))).Dispose();
        using var list = await admin.Client.GetJsonAsync("/api/admin/pricing/plans");
        var others = list.RootElement.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("active").GetBoolean() && i.GetProperty("key").GetString() != key)
            .Select(i => i.GetProperty("key").GetString()!).ToList();
        try
        {
            foreach (var other in others)
            {
                (await admin.ChangePlanAsync(other, new { active = false, reason = "Test: only one plan on sale" })).Dispose();
            }

            var hide = await admin.PutPlanAsync(key, new { active = false, reason = "Hide it too" });

            Assert.Equal(HttpStatusCode.BadRequest, hide.StatusCode);
            Assert.Equal("active: This is the last plan on sale: hiding it would leave the pricing page empty. Add or show another plan first.",
                await hide.ErrorAsync());
            await AssertUnchangedAsync(admin, key);
        }
        finally
        {
            foreach (var other in others)
            {
                (await admin.ChangePlanAsync(other, new { active = true, reason = "Test over: back on sale" })).Dispose();
            }
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(ApiUser admin, HttpMethod method, string url, string body) =>
        await admin.Client.SendAsync(new HttpRequestMessage(method, url)
        {
            Content = new StringContent(body.Replace("LONG", new string('x', 201)), Encoding.UTF8, "application/json"),
        });

    private async Task AssertUnchangedAsync(ApiUser admin, string key)
    {
        var plan = await PlanAsync(admin, key);
        Assert.Equal(("Team", 1, 5_000L, 30, true), (plan.GetProperty("name").GetString(), plan.GetProperty("version").GetInt32(),
            plan.GetProperty("monthly_tokens").GetInt64(), plan.GetProperty("duration_days").GetInt32(), plan.GetProperty("active").GetBoolean()));
        Assert.Equal([("INR", 19_900L), ("USD", 300L)], PricesOf(plan));
        using var history = await admin.Client.GetJsonAsync($"/api/admin/pricing/history/{key}");
        Assert.Single(history.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal([AuditActions.PlanCreate], (await app.AuditRowsAsync(key)).Select(r => r.Action));
    }

    private static async Task<JsonElement> PlanAsync(ApiUser admin, string key)
    {
        using var list = await admin.Client.GetJsonAsync("/api/admin/pricing/plans");
        return list.RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("key").GetString() == key).Clone();
    }
}

public sealed class PlanBadInputTests_Sqlite(SqliteApp app) : PlanBadInputTests(app), IClassFixture<SqliteApp>;

public sealed class PlanBadInputTests_Postgres(PostgresApp app) : PlanBadInputTests(app), IClassFixture<PostgresApp>;
