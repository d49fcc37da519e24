using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Ledger;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Pages;

public sealed class DashboardTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Spending_charts_show_what_was_spent_per_feature_net_of_refunds()
    {
        var (client, userId) = await SignedUpAsync();
        await SpendAsync(userId, "template", "a");
        await SpendAsync(userId, "cover_letter", "b");
        var refunded = await SpendAsync(userId, "grammar_check", "c");
        await app.WithScopeAsync(s => s.GetRequiredService<LedgerService>().RefundAsync(userId, refunded, "r", null, userId));

        var charts = await client.GetHtmlAsync("/dashboard?handler=Charts");

        var rows = charts.QuerySelectorAll("table tr").Select(r => r.TextContent.Trim()).ToList();
        Assert.Equal(["Cover letter5", "Template fill3"], rows);
        Assert.Equal(2, charts.QuerySelectorAll("canvas[data-chart]").Length);
    }

    [Fact]
    public async Task Without_spending_the_charts_say_so()
    {
        var (client, _) = await SignedUpAsync();

        Assert.NotNull((await client.GetHtmlAsync("/dashboard?handler=Charts")).QuerySelector("[data-testid=charts-empty]"));
    }

    [Fact]
    public async Task A_low_balance_is_flagged_with_a_buy_link_and_readiness_follows_the_balance()
    {
        var (client, userId) = await SignedUpAsync();
        await SpendAsync(userId, "template", "low");

        var page = await client.GetHtmlAsync("/dashboard");

        var warning = page.QuerySelector("[data-testid=low-balance]")!;
        Assert.Contains("7 tokens left", warning.TextContent);
        Assert.NotNull(warning.QuerySelector("a[href='/tokens/buy']"));
        var readiness = page.QuerySelectorAll("[data-testid=feature-readiness] li").ToDictionary(li => li.QuerySelector("a")!.TextContent, li => li.TextContent);
        Assert.Contains("needs 3 more", readiness["Career path"]);
        Assert.Contains("1 ✓", readiness["Create a website"]);
    }

    private async Task<long> SpendAsync(string userId, string feature, string key) =>
        (await app.WithScopeAsync(s => s.GetRequiredService<LedgerService>().SpendAsync(userId, feature, 1, key))).Value!.EntryId;

    private async Task<(HttpClient Client, string UserId)> SignedUpAsync()
    {
        var email = Users.NewEmail();
        var client = await app.SignedUpAsync(email);
        return (client, await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync()));
    }
}
