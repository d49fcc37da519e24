using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Identity;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Admin;

/// <summary>Seed 002's token endpoints, with SPEC 10.2's shapes.</summary>
public abstract class TokenApiTests(TestApp app)
{
    [Fact]
    public async Task Allocating_by_email_grants_each_user_and_a_replay_grants_nothing_more()
    {
        var (a, b) = (await app.NewApiUserAsync(), await app.NewApiUserAsync());
        var body = new { emails = new[] { a.Email, b.Email.ToUpperInvariant() }, amount = 50, reason = "launch gift", idempotency_key = "alloc-1" };

        using var first = await OkJsonAsync(await app.AdminApi().PostAsJsonAsync("/api/admin/tokens/allocate", body));
        using var replay = await OkJsonAsync(await app.AdminApi().PostAsJsonAsync("/api/admin/tokens/allocate", body));

        Assert.Equal(2, first.RootElement.GetProperty("allocated").GetInt32());
        var results = first.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.All(results, r => Assert.Equal("granted", r.GetProperty("status").GetString()));
        Assert.Equal(results.Select(r => r.GetProperty("entry_id").GetInt64()),
            replay.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("entry_id").GetInt64()));
        Assert.Equal(60, await a.BalanceAsync());
        Assert.Equal(60, await b.BalanceAsync());
    }

    [Fact]
    public async Task Two_admins_allocating_to_one_user_at_once_both_land()
    {
        var user = await app.NewApiUserAsync();
        ApiUser[] admins = [await app.NewApiUserAsync(Roles.Admin), await app.NewApiUserAsync(Roles.Admin)];

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => admins[i % 2].Client.PostAsJsonAsync("/api/admin/tokens/allocate",
            new { user_ids = new[] { user.UserId }, amount = 7, reason = $"admin {i % 2}", idempotency_key = $"race-{i}" })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(10 + 20 * 7, await user.BalanceAsync());
        var actors = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.TargetId == user.UserId).Select(e => e.ActorEmail).ToListAsync());
        Assert.Equal(20, actors.Count);
        Assert.Equal(admins.Select(a => a.Email).Order(), actors.Distinct().Order());
        Assert.True((await app.VerifyAsync()).Clean);
    }

    [Theory]
    [InlineData("""{"user_ids":["USER"],"amount":0,"reason":"r","idempotency_key":"k"}""", "amount must be a whole number from 1 to 1,000,000,000")]
    [InlineData("""{"user_ids":["USER"],"amount":-5,"reason":"r","idempotency_key":"k"}""", "amount must be a whole number from 1 to 1,000,000,000")]
    [InlineData("""{"user_ids":["USER"],"amount":5000000000,"reason":"r","idempotency_key":"k"}""", "amount must be a whole number from 1 to 1,000,000,000")]
    [InlineData("""{"user_ids":["USER"],"amount":"ten","reason":"r","idempotency_key":"k"}""", "invalid body: the value at $.amount is not valid")]
    [InlineData("""{"user_ids":["USER"],"amount":99999999999999999999,"reason":"r","idempotency_key":"k"}""", "invalid body: the value at $.amount is not valid")]
    [InlineData("""{"user_ids":["USER"],"amount":5,"idempotency_key":"k"}""", "a reason is required")]
    [InlineData("""{"user_ids":["USER"],"amount":5,"reason":"REASON201","idempotency_key":"k"}""", "the reason must be at most 200 characters")]
    [InlineData("""{"user_ids":["USER"],"amount":5,"reason":"r"}""", "idempotency_key is required")]
    [InlineData("""{"user_ids":["USER","nobody-here"],"amount":5,"reason":"r","idempotency_key":"k"}""", "unknown user_ids: nobody-here; nothing was allocated")]
    [InlineData("""{"emails":["nobody@example.com"],"amount":5,"reason":"r","idempotency_key":"k"}""", "unknown emails: nobody@example.com; nothing was allocated")]
    [InlineData("""{"amount":5,"reason":"r","idempotency_key":"k"}""", "give either emails or user_ids")]
    public async Task Bad_allocations_are_refused_with_a_clear_message_and_write_nothing(string json, string error)
    {
        var user = await app.NewApiUserAsync();
        var body = json.Replace("USER", user.UserId).Replace("REASON201", new string('x', 201));

        var response = await app.AdminApi().PostAsync("/api/admin/tokens/allocate", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(error, await response.ErrorAsync());
        Assert.Equal(10, await user.BalanceAsync());
        Assert.Equal(0, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.TargetId == user.UserId)));
    }

    [Fact]
    public async Task Updating_a_user_adjusts_sets_unlimited_and_changes_plan_with_one_audit_row_each()
    {
        var user = await app.NewApiUserAsync();

        var response = await app.AdminApi().PutJsonAsync($"/api/admin/tokens/users/{user.UserId}",
            new { adjust = 15, unlimited = true, plan = "premium", reason = "partner account", idempotency_key = "upd-1" });
        var replay = await app.AdminApi().PutJsonAsync($"/api/admin/tokens/users/{user.UserId}",
            new { adjust = 15, unlimited = true, plan = "premium", reason = "partner account", idempotency_key = "upd-1" });
        using var json = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(user.UserId, json.RootElement.GetProperty("user_id").GetString());
        Assert.True(json.RootElement.GetProperty("unlimited").GetBoolean());
        Assert.Equal("premium", json.RootElement.GetProperty("plan").GetString());
        Assert.Equal(10 + 15 + 50_000, json.RootElement.GetProperty("balance").GetInt64());
        Assert.Equal(["tokens.adjust", "user.plan", "user.unlimited"],
            await app.WithDbAsync(db => db.AuditEntries.Where(e => e.TargetId == user.UserId).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync()));
    }

    [Fact]
    public async Task Updating_an_unknown_user_or_with_an_unknown_plan_is_refused()
    {
        var user = await app.NewApiUserAsync();

        var unknownUser = await app.AdminApi().PutJsonAsync("/api/admin/tokens/users/nobody", new { adjust = 5, reason = "r", idempotency_key = "k" });
        var unknownPlan = await app.AdminApi().PutJsonAsync($"/api/admin/tokens/users/{user.UserId}", new { plan = "gold", reason = "r", idempotency_key = "k" });
        var nothing = await app.AdminApi().PutJsonAsync($"/api/admin/tokens/users/{user.UserId}", new { reason = "r", idempotency_key = "k" });

        Assert.Equal(HttpStatusCode.NotFound, unknownUser.StatusCode);
        Assert.Equal("invalid plan", await unknownPlan.ErrorAsync());
        Assert.Equal(HttpStatusCode.BadRequest, nothing.StatusCode);
        Assert.Equal(10, await user.BalanceAsync());
    }

    [Fact]
    public async Task The_user_list_finds_users_by_part_of_their_email_with_a_total()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var users = new List<ApiUser>();
        for (var i = 0; i < 3; i++)
        {
            users.Add(await app.NewApiUserAsync());
            await app.WithDbAsync(db => db.Users.Where(u => u.Id == users[i].UserId).ExecuteUpdateAsync(s => s
                .SetProperty(u => u.Email, $"{tag}-{i}@example.com").SetProperty(u => u.NormalizedEmail, $"{tag}-{i}@EXAMPLE.COM".ToUpperInvariant())));
        }

        using var page1 = await app.AdminApi().GetJsonAsync($"/api/admin/tokens/users?q={tag.ToUpperInvariant()}&page_size=2&page=1&sort=email");
        using var page2 = await app.AdminApi().GetJsonAsync($"/api/admin/tokens/users?q={tag}&page_size=2&page=2&sort=email");

        Assert.Equal(3, page1.RootElement.GetProperty("total").GetInt32());
        Assert.Equal(2, page1.RootElement.GetProperty("items").GetArrayLength());
        Assert.Single(page2.RootElement.GetProperty("items").EnumerateArray());
        var first = page1.RootElement.GetProperty("items")[0];
        Assert.Equal($"{tag}-0@example.com", first.GetProperty("email").GetString());
        Assert.Equal($"{tag}-2@example.com", page2.RootElement.GetProperty("items")[0].GetProperty("email").GetString());
        Assert.Equal(10, first.GetProperty("balance").GetInt64());
        Assert.Equal("basic", first.GetProperty("plan").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await app.AdminApi().GetAsync("/api/admin/tokens/users?page_size=1000")).StatusCode);
    }

    [Fact]
    public async Task The_user_list_combines_a_search_with_account_filters_and_sorts()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var (plain, rich, premium) = (await TaggedUserAsync(tag, 0), await TaggedUserAsync(tag, 1), await TaggedUserAsync(tag, 2));
        await rich.GrantAsync(500);
        await premium.LedgerAsync(l => l.AdminChangePlanAsync(premium.UserId, "premium", false, Admins.Act("upgrade")));

        async Task<List<string>> EmailsAsync(string query)
        {
            using var json = await app.AdminApi().GetJsonAsync($"/api/admin/tokens/users?q={tag}&{query}");
            var items = json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("email").GetString()!).ToList();
            Assert.Equal(items.Count, json.RootElement.GetProperty("total").GetInt32());
            return items;
        }

        Assert.Equal([premium.Email], await EmailsAsync("plan=premium"));
        Assert.Equal([plain.Email], await EmailsAsync("balance_below=11"));
        Assert.Equal([premium.Email, rich.Email, plain.Email], await EmailsAsync("sort=balance"));
        Assert.Equal([plain.Email, rich.Email], await EmailsAsync("plan=basic&sort=oldest"));
        Assert.Equal([], await EmailsAsync("unlimited=true"));
    }

    [Fact]
    public async Task A_spend_moves_its_user_in_the_lists_sorted_by_tokens_spent_and_last_activity_at_once()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var (idle, big, recent) = (await TaggedUserAsync(tag, 0), await TaggedUserAsync(tag, 1), await TaggedUserAsync(tag, 2));
        Assert.True((await big.SpendAsync("create_website", "spent-1", quantity: 3)).IsSuccessStatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await recent.SpendAsync("create_website", "spent-2")).IsSuccessStatusCode);

        async Task<List<string>> EmailsAsync(string query)
        {
            using var json = await app.AdminApi().GetJsonAsync($"/api/admin/tokens/users?q={tag}&{query}");
            return json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("email").GetString()!).ToList();
        }

        Assert.Equal([big.Email, recent.Email, idle.Email], await EmailsAsync("sort=spent"));
        Assert.Equal([recent.Email, big.Email], await EmailsAsync("sort=active"));
        Assert.Equal([recent.Email, big.Email], await EmailsAsync("balance_below=10&sort=balance"));
    }

    private async Task<ApiUser> TaggedUserAsync(string tag, int i)
    {
        var user = await app.NewApiUserAsync();
        var email = $"{tag}-{i}@example.com";
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.UserId).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.Email, email).SetProperty(u => u.NormalizedEmail, email.ToUpperInvariant())
            .SetProperty(u => u.CreatedAt, new DateTime(2026, 1, 1 + i, 0, 0, 0, DateTimeKind.Utc))));
        return user with { Email = email };
    }

    [Fact]
    public async Task The_overview_counts_accounts_and_what_was_granted_and_spent_today()
    {
        var user = await app.NewApiUserAsync();
        await user.SpendAsync("create_website", "ov-1");
        var today = app.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd");

        using var json = await app.AdminApi().GetJsonAsync($"/api/admin/tokens?from={today}&to={today}");

        var root = json.RootElement;
        Assert.True(root.GetProperty("accounts").GetInt32() >= 1);
        Assert.True(root.GetProperty("outstanding").GetProperty("bonus").GetInt64() >= 9);
        var day = Assert.Single(root.GetProperty("by_day").EnumerateArray());
        Assert.Equal(today, day.GetProperty("date").GetString());
        Assert.True(day.GetProperty("spent").GetInt64() >= 1);
        Assert.Contains(root.GetProperty("by_feature").EnumerateArray(), f => f.GetProperty("feature").GetString() == "create_website");
        Assert.Equal(HttpStatusCode.BadRequest, (await app.AdminApi().GetAsync("/api/admin/tokens?from=2026-13-01")).StatusCode);
    }

    private static async Task<System.Text.Json.JsonDocument> OkJsonAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    [Theory]
    [InlineData("GET", "/api/admin/tokens")]
    [InlineData("GET", "/api/admin/tokens/users")]
    [InlineData("POST", "/api/admin/tokens/allocate")]
    [InlineData("PUT", "/api/admin/tokens/users/x")]
    [InlineData("PUT", "/api/admin/tokens/users/x/limits")]
    public async Task Only_admins_may_call_the_token_endpoints(string method, string url)
    {
        var user = await app.NewApiUserAsync();
        var admin = await app.NewApiUserAsync(Roles.Admin);
        HttpRequestMessage Request() => new(new HttpMethod(method), url) { Content = JsonContent.Create(new { }) };

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().SendAsync(Request())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.Client.SendAsync(Request())).StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, (await admin.Client.SendAsync(Request())).StatusCode);
    }
}

public sealed class TokenApiTests_Sqlite(SqliteApp app) : TokenApiTests(app), IClassFixture<SqliteApp>;

public sealed class TokenApiTests_Postgres(PostgresApp app) : TokenApiTests(app), IClassFixture<PostgresApp>;
