using System.Net;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Audit;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Analytics.Alerts;

/// <summary>/admin/alerts, the overview's summary and /api/admin/alerts: what admins read, and acknowledging (audited once).</summary>
public abstract class AlertBoardTests(AlertsApp app)
{
    [Fact]
    public async Task An_alert_is_listed_with_its_user_and_acknowledging_it_twice_is_audited_once()
    {
        var (user, id) = await SpikeAsync();
        var admin = await app.AdminBrowserAsync();

        var page = await admin.GetHtmlAsync("/admin/alerts");
        var row = page.QuerySelector($"[data-testid=alert-{id}]")!;
        var first = await admin.SubmitFormAsync("/admin/alerts", new Dictionary<string, string>(), $"[data-testid=alert-{id}] form");
        var second = await app.AdminApi().PostAsync($"/api/admin/alerts/{id}/acknowledge", null);
        var after = await admin.GetHtmlAsync("/admin/alerts?status=acknowledged");

        Assert.Contains("Unusual spending", row.TextContent);
        Assert.Equal($"/admin/users/{user.UserId}", row.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal(user.Email, row.QuerySelector("a")!.TextContent);
        Assert.Contains("Spent 500 tokens in the last hour", row.TextContent);
        Assert.Equal("/admin/alerts", first.Location());
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.True((await second.ReadJsonAsync()).RootElement.GetProperty("already").GetBoolean());
        var audit = Assert.Single(await app.AuditRowsAsync(id.ToString()), a => a.TargetType == AuditTargets.Alert);
        Assert.Equal((AuditActions.AlertAcknowledge, TestApp.AdminEmail), (audit.Action, audit.ActorEmail));
        Assert.Contains("Acknowledged", after.QuerySelector($"[data-testid=alert-{id}]")!.TextContent);
        Assert.Null(after.QuerySelector($"[data-testid=alert-{id}] form"));
    }

    [Fact]
    public async Task The_summary_lists_open_alerts_and_acknowledging_there_swaps_it_out()
    {
        var (user, id) = await SpikeAsync();
        var admin = await app.AdminBrowserAsync();

        var summary = await admin.GetHtmlAsync("/admin/alerts?handler=Summary");
        var form = summary.QuerySelector($"[data-testid=summary-alert-{id}] form")!;
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var request = new HttpRequestMessage(HttpMethod.Post, form.GetAttribute("hx-post"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }),
        };
        request.Headers.Add("HX-Request", "true");
        var swapped = await (await admin.SendAsync(request)).ReadHtmlAsync();

        Assert.Equal("Alerts", summary.QuerySelector("h2")!.TextContent);
        Assert.Contains(user.Email, summary.QuerySelector($"[data-testid=summary-alert-{id}]")!.TextContent);
        Assert.Equal("/admin/alerts?status=open", summary.QuerySelector("[data-testid=see-all-alerts]")!.GetAttribute("href"));
        Assert.Equal("Alerts", swapped.QuerySelector("h2")!.TextContent);
        Assert.Null(swapped.QuerySelector($"[data-testid=summary-alert-{id}]"));
        Assert.Single(await app.AuditRowsAsync(id.ToString()), a => a.Action == AuditActions.AlertAcknowledge);
    }

    [Fact]
    public async Task The_summary_says_so_when_nothing_is_open()
    {
        await app.WithDbAsync(db => db.AdminAlerts.Where(a => a.AcknowledgedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.AcknowledgedAt, DateTime.UtcNow)));

        var summary = await (await app.AdminBrowserAsync()).GetHtmlAsync("/admin/alerts?handler=Summary");

        Assert.Equal("No unusual activity.", summary.QuerySelector("[data-testid=alerts-summary-empty]")!.TextContent);
        Assert.NotNull(summary.QuerySelector("[data-testid=see-all-alerts]"));
    }

    [Fact]
    public async Task The_api_lists_alerts_in_the_spec_shape_and_pages_them()
    {
        var (user, id) = await SpikeAsync();
        await SpikeAsync();
        var api = app.AdminApi();

        using var open = await api.GetJsonAsync("/api/admin/alerts?status=open&limit=1");
        using var all = await api.GetJsonAsync("/api/admin/alerts?status=all&limit=100");

        var items = open.RootElement.GetProperty("items");
        Assert.Equal(1, items.GetArrayLength());
        Assert.Equal(2, open.RootElement.GetProperty("next_page").GetInt32());
        var mine = all.RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetInt64() == id);
        Assert.Equal(("unusual_spend", user.UserId, false, "hour", 500),
            (mine.GetProperty("kind").GetString(), mine.GetProperty("user_id").GetString(), mine.GetProperty("acknowledged").GetBoolean(),
                mine.GetProperty("window").GetString(), mine.GetProperty("observed").GetInt32()));
        Assert.StartsWith("Spent 500 tokens", mine.GetProperty("detail").GetString());
        Assert.True(mine.TryGetProperty("at", out _));
    }

    [Theory]
    [InlineData("/api/admin/alerts?status=closed", "status must be open, acknowledged or all")]
    [InlineData("/api/admin/alerts?page=0", "page must be a whole number of at least 1")]
    [InlineData("/api/admin/alerts?limit=101", "limit must be a whole number from 1 to 100")]
    public async Task Bad_list_input_is_refused_with_a_message(string url, string error)
    {
        var response = await app.AdminApi().GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(error, await response.ErrorAsync());
    }

    [Fact]
    public async Task Acknowledging_an_unknown_or_malformed_id_is_refused()
    {
        var api = app.AdminApi();

        var unknown = await api.PostAsync("/api/admin/alerts/987654321/acknowledge", null);
        var malformed = await api.PostAsync("/api/admin/alerts/abc/acknowledge", null);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("There is no alert 987654321.", await unknown.ErrorAsync());
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    [Fact]
    public async Task A_bad_filter_on_the_page_answers_400_with_a_message()
    {
        var response = await (await app.AdminBrowserAsync()).GetAsync("/admin/alerts?status=closed");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Choose open, acknowledged or all.", (await response.ReadHtmlAsync()).QuerySelector("[role=alert]")!.TextContent);
    }

    private async Task<(ApiUser User, long AlertId)> SpikeAsync()
    {
        var user = await app.UserWithUsualRateAsync(perHour: 10);
        await user.SpendTokensAsync(500);
        await app.CheckAsync(user.UserId);
        return (user, Assert.Single(await app.AlertsForAsync(user.UserId)).Id);
    }
}

public sealed class AlertBoardTests_Sqlite(SqliteAlertsApp app) : AlertBoardTests(app), IClassFixture<SqliteAlertsApp>;

public sealed class AlertBoardTests_Postgres(PostgresAlertsApp app) : AlertBoardTests(app), IClassFixture<PostgresAlertsApp>;
