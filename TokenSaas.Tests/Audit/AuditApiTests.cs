using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Audit;
using TokenSaas.Ledger;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Audit;

public abstract class AuditApiTests(TestApp app)
{
    [Fact]
    public async Task The_api_filters_by_target_and_pages_newest_first_with_a_next_cursor()
    {
        var user = await app.NewApiUserAsync();
        var other = await app.NewApiUserAsync();
        foreach (var reason in new[] { "one", "two", "three" })
        {
            await app.AllocateAsync(user.UserId, Admins.Act(reason));
        }

        await app.AllocateAsync(other.UserId, Admins.Act("elsewhere"));
        var api = app.AdminApi();

        using var first = await api.GetJsonAsync($"/api/admin/audit?target_type=user&target_id={user.UserId}&limit=2");
        var next = first.RootElement.GetProperty("next").GetString();
        using var second = await api.GetJsonAsync($"/api/admin/audit?target_type=user&target_id={user.UserId}&limit=2&after={next}");

        Assert.Equal(["three", "two"], Reasons(first).ToArray());
        Assert.Equal(["one"], Reasons(second).ToArray());
        Assert.Equal(JsonValueKind.Null, second.RootElement.GetProperty("next").ValueKind);
        var item = first.RootElement.GetProperty("items")[0];
        Assert.Equal(JsonValueKind.Object, item.GetProperty("before").ValueKind);
        Assert.Equal(JsonValueKind.Object, item.GetProperty("after").ValueKind);
        Assert.Equal(160, item.GetProperty("after").GetProperty("balance").GetInt64());
        Assert.Equal((AuditActions.Allocate, TestApp.AdminEmail, "127.0.0.1"), (item.GetProperty("action").GetString(),
            item.GetProperty("actor_email").GetString(), item.GetProperty("ip").GetString()));
        Assert.Equal(64, item.GetProperty("hash").GetString()!.Length);
        Assert.True(item.GetProperty("id").GetInt64() > 0);
        Assert.True(item.TryGetProperty("at", out _));
    }

    [Fact]
    public async Task The_api_filters_by_action()
    {
        var user = await app.NewApiUserAsync();
        await app.AllocateAsync(user.UserId, Admins.Act("plain"));
        var emergency = await app.WithScopeAsync(s => s.GetRequiredService<LedgerService>()
            .AllocateAsync(user.UserId, 5, null, Admins.Act("urgent"), emergency: true));
        Assert.True(emergency.Succeeded, emergency.Failure?.Message);

        using var page = await app.AdminApi().GetJsonAsync($"/api/admin/audit?action=tokens.emergency&target_id={user.UserId}");

        Assert.Equal(["urgent"], Reasons(page).ToArray());
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=101")]
    [InlineData("limit=ten")]
    [InlineData("after=0")]
    [InlineData("after=abc")]
    public async Task The_api_rejects_a_bad_limit_or_cursor(string query)
    {
        var response = await app.AdminApi().GetAsync($"/api/admin/audit?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(await response.ErrorAsync()));
    }

    [Theory]
    [InlineData("/api/admin/audit")]
    [InlineData("/api/admin/audit/verify")]
    public async Task Users_get_403_and_anonymous_callers_401(string url)
    {
        var user = await app.NewApiUserAsync();

        var forbidden = await user.Client.GetAsync(url);
        var anonymous = await app.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("unauthorized", await anonymous.ErrorAsync());
    }

    private static List<string> Reasons(JsonDocument page) =>
        page.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("reason").GetString()!).ToList();
}

public sealed class AuditApiTests_Sqlite(SqliteApp app) : AuditApiTests(app), IClassFixture<SqliteApp>;

public sealed class AuditApiTests_Postgres(PostgresApp app) : AuditApiTests(app), IClassFixture<PostgresApp>;
