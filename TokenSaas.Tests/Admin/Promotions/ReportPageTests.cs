using System.Net;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Payments;
using TokenSaas.Promotions;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Admin.Promotions;

public abstract class ReportPageTests(TestApp app)
{
    [Fact]
    public async Task The_page_shows_each_variant_and_currency_with_totals_and_the_flagged_address()
    {
        var code = Promos.NewCode("PAGE");
        var promotion = await app.CreatePromotionAsync(code, PromotionType.PercentOff, 20,
            p => p.Variants = [new PromotionVariant("A", 10, 3), new PromotionVariant("B", 30, 1)]);
        var buyers = await app.BuyersPerVariantAsync(promotion, 3);
        foreach (var (user, pack) in buyers["A"].Zip(["inr_500", "inr_500", "usd_basic"]).Concat(buyers["B"].Zip(["inr_500", "usd_basic", "usd_basic"])))
        {
            await app.PaidAsync(await user.CheckoutAsync(pack, code));
        }

        await app.WithDbAsync(db => db.Redemptions.Where(r => r.PromotionId == promotion.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Ip, "203.0.113.9")));
        var today = await app.TodayAsync();
        var payments = await app.WithDbAsync(db => db.Payments.AsNoTracking().Where(p => p.PromotionId == promotion.Id).ToListAsync());

        var page = await (await app.AdminBrowserAsync()).GetHtmlAsync($"/admin/promotions/{promotion.Id}/report?from={today}&to={today}");

        page.AssertPage($"{promotion.Name}: report");
        Assert.Equal(["Admin", "Promotions", promotion.Name, "Report"],
            page.QuerySelectorAll(".breadcrumbs li").Select(li => li.TextContent.Trim()));
        Assert.Equal($"/admin/promotions/{promotion.Id}", page.QuerySelectorAll(".breadcrumbs a")[2].GetAttribute("href"));
        var expected = payments.GroupBy(p => (p.PromotionVariant, p.Currency)).OrderBy(g => g.Key.PromotionVariant).ThenBy(g => g.Key.Currency)
            .Select(g => new[]
            {
                g.Key.PromotionVariant!, g.Key.Currency, g.Count().ToString(), Money.Format(g.Sum(p => p.ListAmount), g.Key.Currency),
                Money.Format(g.Sum(p => p.Discount), g.Key.Currency), Money.Format(g.Sum(p => p.Amount), g.Key.Currency), "0",
            });
        Assert.Equal(expected, page.QuerySelectorAll("[data-testid=report-rows] tbody tr")
            .Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()));
        var inr = payments.Where(p => p.Currency == "INR").ToList();
        Assert.Equal(["Total INR", inr.Count.ToString(), Money.Format(inr.Sum(p => p.ListAmount), "INR"), Money.Format(inr.Sum(p => p.Discount), "INR"),
                Money.Format(inr.Sum(p => p.Amount), "INR"), "0"],
            page.QuerySelectorAll("[data-testid=report-rows] tfoot tr[data-total=INR] > *").Select(c => c.TextContent.Trim()));
        var variants = page.QuerySelectorAll("[data-testid=variants] tbody tr").ToList();
        Assert.Equal(["A", "B"], variants.Select(v => v.GetAttribute("data-variant")));
        Assert.Equal(["75%", "3", "3 (100%)", "3"], variants[0].QuerySelectorAll("td").Take(4).Select(td => td.TextContent.Trim()));
        Assert.Equal($"/api/admin/promotions/{promotion.Id}/report.csv?from={today}&to={today}",
            page.QuerySelector("[data-testid=report-csv]")?.GetAttribute("href"));
        var flagged = Assert.Single(page.QuerySelectorAll("[data-testid=flagged-ips] li"));
        Assert.StartsWith("203.0.113.9: 6 uses by", flagged.TextContent.Trim());
        Assert.Null(page.QuerySelector("[data-testid=flags-empty]"));
    }

    [Fact]
    public async Task A_quick_range_through_htmx_answers_just_the_report_and_says_when_nothing_is_flagged()
    {
        var promotion = await app.CreatePromotionAsync(Promos.NewCode("HTMX"), PromotionType.PercentOff, 10);
        var today = DateOnly.Parse(await app.TodayAsync());
        var admin = await app.AdminBrowserAsync();
        var first = await admin.GetHtmlAsync($"/admin/promotions/{promotion.Id}/report");
        var quick = first.QuerySelector("[data-testid=range-7]")!;

        var request = new HttpRequestMessage(HttpMethod.Get, quick.GetAttribute("hx-get"));
        request.Headers.Add("HX-Request", "true");
        var response = await admin.SendAsync(request);
        var partial = await response.ReadHtmlAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("HX-Request", response.Headers.Vary);
        Assert.Null(partial.QuerySelector("h1"));
        Assert.Equal((today.AddDays(-6).ToString("yyyy-MM-dd"), today.ToString("yyyy-MM-dd")),
            (partial.QuerySelector("#report-from")?.GetAttribute("value"), partial.QuerySelector("#report-to")?.GetAttribute("value")));
        Assert.Equal("true", partial.QuerySelector("[data-testid=range-7]")?.GetAttribute("aria-current"));
        Assert.Equal("Nothing flagged", partial.QuerySelector("[data-testid=flags-empty]")?.TextContent.Trim());
        Assert.NotNull(partial.QuerySelector("[data-testid=report-empty]"));
        Assert.Equal((today.AddDays(-29).ToString("yyyy-MM-dd"), "#promotion-report"),
            (first.QuerySelector("#report-from")?.GetAttribute("value"), quick.GetAttribute("hx-target")));
    }

    [Fact]
    public async Task A_backwards_range_on_the_page_shows_the_message_and_no_figures()
    {
        var promotion = await app.CreatePromotionAsync(Promos.NewCode("BACK"), PromotionType.PercentOff, 10);
        var admin = await app.AdminBrowserAsync();

        var page = await admin.GetHtmlAsync($"/admin/promotions/{promotion.Id}/report?from=2030-01-10&to=2030-01-09");
        var unknown = await admin.GetAsync("/admin/promotions/999999999/report");

        Assert.Equal("to must be on or after from", page.QuerySelector("[data-testid=range-error]")?.TextContent.Trim());
        Assert.Null(page.QuerySelector("[data-testid=report-rows]"));
        Assert.Null(page.QuerySelector("[data-testid=report-csv]"));
        Assert.Equal("2030-01-10", page.QuerySelector("#report-from")?.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}

public sealed class ReportPageTests_Sqlite(SqliteApp app) : ReportPageTests(app), IClassFixture<SqliteApp>;

public sealed class ReportPageTests_Postgres(PostgresApp app) : ReportPageTests(app), IClassFixture<PostgresApp>;
