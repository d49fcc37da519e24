using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Analytics;
using TokenSaas.Api;
using TokenSaas.Ledger;
using TokenSaas.Promotions;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Analytics.Figures;

/// <summary>
/// /admin/analytics and GET /api/admin/analytics over <see cref="FiguresSeed"/>'s three local days
/// (Asia/Kolkata): every figure equals the sum of the raw rows, rolled-up days answer the same as
/// days read from the ledger, and a bad range is a clear 400.
/// </summary>
public abstract class AnalyticsFiguresTests : IAsyncLifetime
{
    private static readonly ReportRange Range = new(FiguresSeed.Day0, FiguresSeed.Day2);

    protected abstract TestDatabase NewDatabase();

    private TimeApp App { get; set; } = null!;

    private FiguresSeed Seed { get; set; } = null!;

    public async Task InitializeAsync()
    {
        App = new TimeApp(NewDatabase(), new Dictionary<string, string> { ["Tokens:TimeZone"] = "Asia/Kolkata", ["Analytics:Currency"] = "INR" });
        App.Clock.MoveTo(FiguresSeed.Start);
        await App.InitializeAsync();
        Seed = new FiguresSeed(App);
        await Seed.RunAsync();
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    [Fact]
    public async Task Every_figure_equals_the_raw_rows_summed_and_rolled_days_give_the_same_answer()
    {
        var zone = App.Services.GetRequiredService<TokenCalendar>().Zone;
        var raw = await RawFigures.ReadAsync(App, zone, Range.From, Range.To);

        var unrolled = await BuildAsync();
        var rolledCount = await App.WithScopeAsync(s => s.GetRequiredService<UsageRollups>().RollDueAsync(CancellationToken.None));
        var rolledDays = await App.WithDbAsync(db => db.RolledDays.Select(r => r.Day).OrderBy(d => d).ToListAsync());
        var rolled = await BuildAsync();

        Assert.Equal(2, rolledCount);
        Assert.Equal([FiguresSeed.Day0, FiguresSeed.Day1], rolledDays);
        Assert.Equal(Json(unrolled), Json(rolled));
        foreach (var figures in new[] { unrolled, rolled })
        {
            Assert.Equal(Sorted(raw.Revenue), Sorted(figures.Revenue.Where(d => d.Gross != 0 || d.Discount != 0 || d.Refunded != 0)
                .ToDictionary(d => (d.Date, d.Currency), d => (d.Gross, d.Discount, d.Refunded))));
            Assert.Equal(Sorted(raw.Tokens.Where(t => t.Value != (0, 0)).ToDictionary()), Sorted(figures.Tokens.Where(t => t.Granted != 0 || t.Spent != 0)
                .ToDictionary(t => t.Date, t => (t.Granted, t.Spent))));
            Assert.Equal(Sorted(raw.Features), Sorted(figures.Features.ToDictionary(f => f.Feature, f => (f.Uses, f.Tokens, f.Cost))));
            Assert.Equal(raw.Users, (figures.Users.Registered, figures.Users.Active, figures.Users.Paying));
        }

        // What the seed means, read as an admin would.
        var day = rolled.Revenue.ToDictionary(d => (d.Date, d.Currency));
        Assert.Equal((9_900L, 1_100L, 0L), (day[(FiguresSeed.Day0, "INR")].Gross, day[(FiguresSeed.Day0, "INR")].Discount, day[(FiguresSeed.Day0, "INR")].Refunded));
        Assert.Equal((0L, 1_200L, -1_200L), (day[(FiguresSeed.Day1, "USD")].Gross, day[(FiguresSeed.Day1, "USD")].Refunded, day[(FiguresSeed.Day1, "USD")].Net));
        Assert.Equal(4_900L, day[(FiguresSeed.Day1, "INR")].Gross);
        var inr = rolled.Totals.Single(t => t.Currency == "INR");
        Assert.Equal((14_800L, 2, 7_400L), (inr.Net, inr.Paying, inr.Arppu));
        Assert.Equal((2, 2), (rolled.Users.Active, rolled.Users.Paying));
        Assert.Equal(14_800m / 1_500m, rolled.RevenuePerToken);
        var a = rolled.Features.Single(f => f.Feature == Seed.FeatureA);
        Assert.Equal((4L, 28L), (a.Uses, a.Cost));
        var top = await App.WithScopeAsync(s => s.GetRequiredService<AnalyticsReport>().TopSpendersAsync(Range, 10, CancellationToken.None));
        Assert.Equal([Seed.Alice, Seed.Bob], top.Select(t => t.UserId));
        Assert.Equal(raw.Features.Values.Sum(f => f.Tokens), top.Sum(t => t.Tokens));
    }

    [Fact]
    public async Task The_api_answers_spec_shaped_json_and_refuses_a_bad_range_with_a_message()
    {
        var api = App.AdminApi();

        using var json = await (await api.GetAsync("/api/admin/analytics?from=2030-03-09&to=2030-03-11")).ReadJsonAsync();
        var backwards = await api.GetAsync("/api/admin/analytics?from=2030-03-11&to=2030-03-09");
        var tooLong = await api.GetAsync("/api/admin/analytics?from=2027-01-01&to=2030-03-11");
        var notADate = await api.GetAsync("/api/admin/analytics?from=yesterday");
        var page = await (await App.AdminBrowserAsync()).GetAsync("/admin/analytics?from=2030-03-11&to=2030-03-09");

        var root = json.RootElement;
        var inrDay0 = root.GetProperty("revenue").EnumerateArray()
            .Single(r => r.GetProperty("date").GetString() == "2030-03-09" && r.GetProperty("currency").GetString() == "INR");
        Assert.Equal((9_900, 1_100, 0, 9_900), (inrDay0.GetProperty("gross").GetInt64(), inrDay0.GetProperty("discount").GetInt64(),
            inrDay0.GetProperty("refunded").GetInt64(), inrDay0.GetProperty("net").GetInt64()));
        Assert.Equal(["2030-03-09", "2030-03-10", "2030-03-11"], root.GetProperty("tokens").EnumerateArray().Select(t => t.GetProperty("date").GetString()));
        Assert.All(root.GetProperty("tokens").EnumerateArray(), t => { t.GetProperty("granted").GetInt64(); t.GetProperty("spent").GetInt64(); });
        var feature = root.GetProperty("by_feature").EnumerateArray().Single(f => f.GetProperty("feature").GetString() == Seed.FeatureA);
        Assert.Equal((4, 28), (feature.GetProperty("uses").GetInt64(), feature.GetProperty("cost").GetInt64()));
        Assert.True(feature.TryGetProperty("margin", out _));
        var users = root.GetProperty("users");
        Assert.Equal((2, 2), (users.GetProperty("active").GetInt32(), users.GetProperty("paying").GetInt32()));
        Assert.Equal(Math.Round(2m / users.GetProperty("registered").GetInt32(), 4), users.GetProperty("conversion").GetDecimal());

        Assert.Equal((HttpStatusCode.BadRequest, "to must be on or after from"), await ErrorAsync(backwards));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.StartsWith("the range may be at most 731 days", (await ErrorAsync(tooLong)).Message);
        Assert.Equal((HttpStatusCode.BadRequest, "from must be a date like 2030-03-11"), await ErrorAsync(notADate));
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Equal("to must be on or after from", (await page.ReadHtmlAsync()).QuerySelector("[data-testid=range-error]")?.TextContent.Trim());
    }

    [Fact]
    public async Task The_pages_show_the_figures_the_live_numbers_and_a_csv_of_each_table()
    {
        var admin = await App.AdminBrowserAsync();

        var page = await admin.GetHtmlAsync("/admin/analytics?from=2030-03-09&to=2030-03-11");
        var swap = new HttpRequestMessage(HttpMethod.Get, "/admin/analytics?from=2030-03-10&to=2030-03-10");
        swap.Headers.Add("HX-Request", "true");
        var partial = await (await admin.SendAsync(swap)).ReadHtmlAsync();
        var top = await admin.GetHtmlAsync("/admin/analytics?handler=TopSpenders&from=2030-03-09&to=2030-03-11");
        var csv = await admin.GetStringAsync("/api/admin/analytics/revenue.csv?from=2030-03-09&to=2030-03-11");
        var overview = await admin.GetHtmlAsync("/admin");
        var live = await admin.GetHtmlAsync("/admin?handler=Live");
        var costB = await App.WithDbAsync(db => db.Features.Where(f => f.Key == Seed.FeatureB).Select(f => f.Cost).SingleAsync());

        Assert.Equal("₹148", page.QuerySelector("[data-testid=net-INR]")?.TextContent.Trim());
        Assert.Equal("$0.00", page.QuerySelector("[data-testid=net-USD]")?.TextContent.Trim());
        Assert.Equal("$12.00", page.QuerySelector("[data-testid=refunded-USD]")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("#analytics-figures canvas[data-chart]"));
        var nameB = await App.WithDbAsync(db => db.Features.Where(f => f.Key == Seed.FeatureB).Select(f => f.Name).SingleAsync());
        Assert.Equal(nameB, page.QuerySelector($"[data-testid=features-table] tr[data-feature='{Seed.FeatureB}'] td")?.TextContent.Trim());
        Assert.Contains(System.Text.Json.JsonSerializer.Serialize(nameB), page.QuerySelectorAll("canvas[data-chart]").Select(c => c.GetAttribute("data-chart")).First(c => c!.Contains("indexAxis")));
        Assert.Contains("\"precision\":0", page.QuerySelectorAll("canvas[data-chart]").Select(c => c.GetAttribute("data-chart")).First(c => c!.Contains("indexAxis")));
        Assert.Null(partial.QuerySelector("h1"));
        Assert.Equal("₹49", partial.QuerySelector("[data-testid=net-INR]")?.TextContent.Trim());
        Assert.Contains("alice-", top.QuerySelectorAll("[data-testid=top-spenders] tbody tr").First().TextContent);
        Assert.Contains("2030-03-09,\"INR\",9900,1100,0,9900", csv.Split('\n').Select(l => l.Trim()));
        Assert.Equal(1, await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.TargetId == "analytics/revenue")));
        var alerts = overview.QuerySelector("#open-alerts");
        Assert.Equal("/admin/alerts?handler=Summary", alerts?.GetAttribute("hx-get"));
        Assert.Equal("load, every 30s", alerts?.GetAttribute("hx-trigger"));
        Assert.Equal("every 5s", overview.QuerySelector("#live")?.GetAttribute("hx-trigger"));
        Assert.Equal(costB.ToString("N0"), live.QuerySelector("[data-testid=spent-last-hour]")?.TextContent.Trim());
        var recent = live.QuerySelectorAll("[data-testid=recent-activity] li").Select(li => string.Join(' ', li.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).ToList();
        Assert.Contains(recent, line => line.Contains("alice-") && line.Contains($"spent {costB:N0} token") && line.Contains(Seed.FeatureB));
    }

    private async Task<AnalyticsFigures> BuildAsync() =>
        await App.WithScopeAsync(s => s.GetRequiredService<AnalyticsReport>().BuildAsync(Range, CancellationToken.None));

    private static string Json(AnalyticsFigures figures) => JsonSerializer.Serialize(AdminAnalyticsEndpoints.Shape(figures));

    private static List<string> Sorted<TKey, TValue>(Dictionary<TKey, TValue> values) where TKey : notnull =>
        values.Select(v => $"{v.Key} = {v.Value}").Order(StringComparer.Ordinal).ToList();

    private static async Task<(HttpStatusCode Status, string Message)> ErrorAsync(HttpResponseMessage response)
    {
        using var json = await response.ReadJsonAsync();
        return (response.StatusCode, json.RootElement.GetProperty("error").GetString()!);
    }
}

public sealed class AnalyticsFiguresTests_Sqlite : AnalyticsFiguresTests
{
    protected override TestDatabase NewDatabase() => new SqliteTestDatabase();
}

public sealed class AnalyticsFiguresTests_Postgres : AnalyticsFiguresTests
{
    protected override TestDatabase NewDatabase() => new PostgresTestDatabase();
}
