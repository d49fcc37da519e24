using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Audit;
using TokenSaas.Payments;
using TokenSaas.Promotions;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Admin.Promotions;

using Row = (string? Variant, string? Currency, long Redemptions, long Gross, long Discount, long Net, long Tokens);

public abstract class ReportTests(TestApp app)
{
    [Fact]
    public async Task The_report_adds_up_the_successful_payments_per_variant_currency_and_day_and_a_refund_does_not_count()
    {
        var (promotion, code) = await TwoVariantPromotionAsync();
        var buyers = await app.BuyersPerVariantAsync(promotion, 4);
        var (a, b) = (buyers["A"], buyers["B"]);
        var day1 = await app.TodayAsync();
        string[] first = [await PayAsync(a[0], "inr_500", code), await PayAsync(b[0], "inr_500", code), await PayAsync(a[1], "usd_basic", code)];
        await app.FailedAsync(await b[1].CheckoutAsync("inr_500", code));
        app.Clock.Advance(TimeSpan.FromDays(1));
        var day2 = await app.TodayAsync();
        string[] second = [await PayAsync(b[2], "usd_basic", code), await PayAsync(b[3], "inr_500", code)];
        await app.RefundedAsync(await PayAsync(a[2], "inr_500", code));
        await a[3].CheckoutAsync("inr_500", code);

        using var json = await app.AdminApi().GetJsonAsync($"/api/admin/promotions/{promotion.Id}/report?from={day1}&to={day2}");

        var succeeded = await app.WithDbAsync(db => db.Payments.AsNoTracking()
            .Where(p => p.PromotionId == promotion.Id && p.Status == PaymentStatus.Succeeded).ToListAsync());
        Assert.Equal(first.Concat(second).Order(), succeeded.Select(p => p.Id).Order());
        var expected = succeeded.GroupBy(p => (p.PromotionVariant, p.Currency))
            .Select(g => ((string?)g.Key.PromotionVariant, (string?)g.Key.Currency, (long)g.Count(), g.Sum(p => p.ListAmount), g.Sum(p => p.Discount),
                g.Sum(p => p.Amount), g.Sum(p => p.PromotionBonus)))
            .Order().ToList();
        var root = json.RootElement;
        Assert.Equal(expected, Rows(root.GetProperty("rows")).Order().ToList());
        foreach (var currency in new[] { "INR", "USD" })
        {
            var mine = succeeded.Where(p => p.Currency == currency).ToList();
            var total = root.GetProperty("totals").GetProperty(currency);
            Assert.Equal((mine.Count, mine.Sum(p => p.ListAmount), mine.Sum(p => p.Discount), mine.Sum(p => p.Amount)),
                (total.GetProperty("redemptions").GetInt32(), total.GetProperty("gross").GetInt64(), total.GetProperty("discount").GetInt64(),
                    total.GetProperty("net").GetInt64()));
        }

        var days = root.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal([day1, day2], days.Select(d => d.GetProperty("date").GetString()));
        foreach (var (day, ids) in new[] { (days[0], first), (days[1], second) })
        {
            var paid = succeeded.Where(p => ids.Contains(p.Id)).ToList();
            Assert.Equal(ids.Length, day.GetProperty("redemptions").GetInt32());
            Assert.Equal(paid.GroupBy(p => p.Currency).ToDictionary(g => g.Key, g => g.Sum(p => p.Amount)),
                day.GetProperty("net").EnumerateObject().ToDictionary(n => n.Name, n => n.Value.GetInt64()));
        }

        Assert.Equal((1, 2), (root.GetProperty("reserved_now").GetInt32(), root.GetProperty("freed_in_range").GetInt32()));
        var variants = root.GetProperty("variants").EnumerateArray().ToDictionary(v => v.GetProperty("variant").GetString()!);
        Assert.Equal((4, 2, 0.5m), (variants["A"].GetProperty("checkouts").GetInt32(), variants["A"].GetProperty("converted").GetInt32(),
            variants["A"].GetProperty("conversion").GetDecimal()));
        Assert.Equal((4, 3), (variants["B"].GetProperty("checkouts").GetInt32(), variants["B"].GetProperty("converted").GetInt32()));
    }

    [Fact]
    public async Task The_csv_has_the_same_rows_as_the_json_and_its_download_is_audited()
    {
        var (promotion, code) = await TwoVariantPromotionAsync();
        var buyers = await app.BuyersPerVariantAsync(promotion, 1);
        await PayAsync(buyers["A"][0], "inr_500", code);
        await PayAsync(buyers["B"][0], "usd_basic", code);
        var today = await app.TodayAsync();
        var admin = app.AdminApi();

        using var json = await admin.GetJsonAsync($"/api/admin/promotions/{promotion.Id}/report?from={today}&to={today}");
        var csv = await admin.GetAsync($"/api/admin/promotions/{promotion.Id}/report.csv?from={today}&to={today}");

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(PromotionReport.CsvHeader, lines[0]);
        var fromCsv = lines.Skip(1).Select(line => line.Split(',')).Select(c => ((string?)Unquote(c[0]), (string?)Unquote(c[1]), long.Parse(c[2]),
            long.Parse(c[3]), long.Parse(c[4]), long.Parse(c[5]), long.Parse(c[6]))).ToList();
        Assert.Equal(2, fromCsv.Count);
        Assert.Equal(Rows(json.RootElement.GetProperty("rows")), fromCsv);
        var audit = Assert.Single(await app.AuditRowsAsync($"promotions/{promotion.Id}/report"));
        Assert.Equal((AuditActions.Export, AuditTargets.Export), (audit.Action, audit.TargetType));
        Assert.Contains(today, audit.After);
    }

    [Fact]
    public async Task Six_uses_from_one_address_are_flagged_and_five_are_not()
    {
        var code = Promos.NewCode("IP");
        var promotion = await app.CreatePromotionAsync(code, PromotionType.PercentOff, 10);
        var six = new List<ApiUser>();
        for (var i = 0; i < 6; i++)
        {
            six.Add(await app.NewApiUserAsync());
            await PayAsync(six[^1], "inr_500", code);
        }

        await SetAddressAsync(promotion.Id, six, "203.0.113.6");
        // Five open uses, and a sixth that failed: freed uses are not held against the address.
        var five = new List<ApiUser>();
        for (var i = 0; i < 6; i++)
        {
            five.Add(await app.NewApiUserAsync());
            var payment = await five[^1].CheckoutAsync("inr_500", code);
            if (i == 0)
            {
                await app.FailedAsync(payment);
            }
        }

        await SetAddressAsync(promotion.Id, five, "198.51.100.5");

        using var json = await app.AdminApi().GetJsonAsync($"/api/admin/promotions/{promotion.Id}/report");

        var ip = Assert.Single(json.RootElement.GetProperty("flags").GetProperty("ips").EnumerateArray());
        Assert.Equal(("203.0.113.6", 6), (ip.GetProperty("ip").GetString(), ip.GetProperty("redemptions").GetInt32()));
        Assert.Equal(six.Select(u => u.Email).Order(StringComparer.Ordinal),
            ip.GetProperty("users").EnumerateArray().Select(u => u.GetString()!));
        Assert.Empty(json.RootElement.GetProperty("flags").GetProperty("aliases").EnumerateArray());
    }

    [Fact]
    public async Task Accounts_behind_one_gmail_address_are_flagged_as_aliases()
    {
        var code = Promos.NewCode("ALIAS");
        var promotion = await app.CreatePromotionAsync(code, PromotionType.PercentOff, 10, p => p.PerUserLimit = 2);
        var name = $"ann{Guid.NewGuid().ToString("N")[..8]}";
        var plain = await app.ApiUserWithEmailAsync($"{name}@gmail.com");
        var alias = await app.ApiUserWithEmailAsync($"{name[..2]}.{name[2..]}+promo@googlemail.com");
        await PayAsync(plain, "inr_500", code);
        await PayAsync(alias, "inr_500", code);
        await PayAsync(await app.NewApiUserAsync(), "inr_500", code);

        using var json = await app.AdminApi().GetJsonAsync($"/api/admin/promotions/{promotion.Id}/report");

        var group = Assert.Single(json.RootElement.GetProperty("flags").GetProperty("aliases").EnumerateArray());
        Assert.Equal($"{name}@gmail.com", group.GetProperty("identity").GetString());
        Assert.Equal(new[] { plain.Email, alias.Email }.Order(StringComparer.Ordinal), group.GetProperty("users").EnumerateArray().Select(u => u.GetString()!));
        Assert.Empty(json.RootElement.GetProperty("flags").GetProperty("ips").EnumerateArray());
    }

    [Theory]
    [InlineData("2030-01-10", "2030-01-09", "to must be on or after from")]
    [InlineData("2028-01-01", "2030-01-01", "the range may be at most 731 days (two years); this one is 732")]
    [InlineData("2030-02-30", "2030-03-01", "from must be a date like")]
    [InlineData("2030-01-01", "next week", "to must be a date like")]
    public async Task A_range_that_cannot_be_read_is_refused_with_a_message_and_nothing_is_exported(string from, string to, string message)
    {
        var promotion = await app.CreatePromotionAsync(Promos.NewCode("BAD"), PromotionType.PercentOff, 10);
        var admin = app.AdminApi();
        var query = $"from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}";

        var json = await admin.GetAsync($"/api/admin/promotions/{promotion.Id}/report?{query}");
        var csv = await admin.GetAsync($"/api/admin/promotions/{promotion.Id}/report.csv?{query}");

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (json.StatusCode, csv.StatusCode));
        Assert.StartsWith(message, await json.ErrorAsync());
        Assert.StartsWith(message, await csv.ErrorAsync());
        Assert.Empty(await app.AuditRowsAsync($"promotions/{promotion.Id}/report"));
    }

    [Fact]
    public async Task Two_years_is_the_longest_range_and_an_unknown_promotion_is_404()
    {
        var promotion = await app.CreatePromotionAsync(Promos.NewCode("LONG"), PromotionType.PercentOff, 10);
        var admin = app.AdminApi();

        using var longest = await admin.GetJsonAsync($"/api/admin/promotions/{promotion.Id}/report?from=2028-01-01&to=2029-12-31");
        var unknown = await admin.GetAsync("/api/admin/promotions/999999999/report");
        var unknownCsv = await admin.GetAsync("/api/admin/promotions/999999999/report.csv");

        Assert.Equal(731, longest.RootElement.GetProperty("days").GetArrayLength());
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (unknown.StatusCode, unknownCsv.StatusCode));
        Assert.Equal("There is no promotion 999999999.", await unknown.ErrorAsync());
    }

    [Fact]
    public async Task By_default_the_report_covers_the_last_30_days_up_to_today()
    {
        var promotion = await app.CreatePromotionAsync(Promos.NewCode("DEF"), PromotionType.PercentOff, 10);
        var today = DateOnly.Parse(await app.TodayAsync());

        using var json = await app.AdminApi().GetJsonAsync($"/api/admin/promotions/{promotion.Id}/report");

        Assert.Equal((today.AddDays(-29).ToString("yyyy-MM-dd"), today.ToString("yyyy-MM-dd"), 30),
            (json.RootElement.GetProperty("from").GetString(), json.RootElement.GetProperty("to").GetString(),
                json.RootElement.GetProperty("days").GetArrayLength()));
    }

    private async Task<(Promotion Promotion, string Code)> TwoVariantPromotionAsync()
    {
        var code = Promos.NewCode("REP");
        var promotion = await app.CreatePromotionAsync(code, PromotionType.PercentOff, 20,
            p => p.Variants = [new PromotionVariant("A", 10, 1), new PromotionVariant("B", 30, 1)]);
        return (promotion, code);
    }

    private async Task<string> PayAsync(ApiUser user, string pack, string code)
    {
        var payment = await user.CheckoutAsync(pack, code);
        await app.PaidAsync(payment);
        return payment;
    }

    // The test server gives every request one address; the fraud check reads the one stored with each use.
    private Task<int> SetAddressAsync(long promotionId, List<ApiUser> users, string ip)
    {
        var ids = users.Select(u => u.UserId).ToList();
        return app.WithDbAsync(db => db.Redemptions.Where(r => r.PromotionId == promotionId && ids.Contains(r.UserId))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Ip, ip)));
    }

    internal static List<Row> Rows(JsonElement rows) => rows.EnumerateArray().Select(r => (r.GetProperty("variant").GetString(),
        r.GetProperty("currency").GetString(), r.GetProperty("redemptions").GetInt64(), r.GetProperty("gross").GetInt64(),
        r.GetProperty("discount").GetInt64(), r.GetProperty("net").GetInt64(), r.GetProperty("tokens").GetInt64())).ToList();

    private static string? Unquote(string cell) => cell.Length == 0 ? null : cell.Trim('"');
}

public sealed class ReportTests_Sqlite(SqliteApp app) : ReportTests(app), IClassFixture<SqliteApp>;

public sealed class ReportTests_Postgres(PostgresApp app) : ReportTests(app), IClassFixture<PostgresApp>;
