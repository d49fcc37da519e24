using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Ledger;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Pages.History;

public sealed class HistoryPageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task History_lists_entries_newest_first_with_the_balance_after_each()
    {
        var (client, _) = await SignedUpWithSpendsAsync(2);

        var rows = (await client.GetHtmlAsync("/history")).QuerySelectorAll("[data-testid=history] tbody tr");

        Assert.Equal(3, rows.Length);
        Assert.Contains("Create a website", rows[0].Children[1].TextContent);
        Assert.DoesNotContain("create_website", rows[0].Children[1].QuerySelector(".activity-what")!.TextContent);
        Assert.Equal("8", rows[0].Children[3].TextContent.Trim());
        Assert.Contains("Welcome bonus", rows[2].TextContent);
        Assert.Equal("10", rows[2].Children[3].TextContent.Trim());
    }

    [Fact]
    public async Task Filtering_by_type_shows_only_that_type()
    {
        var (client, _) = await SignedUpWithSpendsAsync(2);

        var rows = (await client.GetHtmlAsync("/history?type=grant")).QuerySelectorAll("[data-testid=history] tbody tr");

        Assert.Contains("Welcome bonus", Assert.Single(rows).TextContent);
    }

    [Theory]
    [InlineData("/history?from=2026-13-45", "Enter a date like 2026-11-21.")]
    [InlineData("/history?from=2026-11-21&to=2026-11-01", "The end date must be on or after the start date.")]
    [InlineData("/history?type=free_money", "Choose a type from the list.")]
    [InlineData("/history?after=-1", "That page link is not valid; start again from the first page.")]
    public async Task Bad_filters_show_a_message_and_list_nothing(string url, string message)
    {
        var (client, _) = await SignedUpWithSpendsAsync(1);

        var page = await client.GetHtmlAsync(url);

        Assert.Contains(message, page.FormErrors());
        Assert.Null(page.QuerySelector("[data-testid=history]"));
    }

    [Fact]
    public async Task A_date_range_with_nothing_in_it_says_so()
    {
        var (client, _) = await SignedUpWithSpendsAsync(1);

        var page = await client.GetHtmlAsync("/history?from=2001-01-01&to=2001-01-31");

        Assert.Contains("No entries match these filters.", page.QuerySelector("[data-testid=history-empty]")!.TextContent);
    }

    [Fact]
    public async Task Load_more_continues_after_the_last_row_as_rows_for_htmx_and_as_a_page_without()
    {
        var (client, _) = await SignedUpWithSpendsAsync(30);
        var first = await client.GetHtmlAsync("/history");
        var next = first.QuerySelector("[data-testid=load-more]")!.GetAttribute("href")!;

        using var htmx = new HttpRequestMessage(HttpMethod.Get, next);
        htmx.Headers.Add("HX-Request", "true");
        var rows = await (await client.SendAsync(htmx)).Content.ReadAsStringAsync();
        var page = await client.GetHtmlAsync(next);

        Assert.Equal(25, first.QuerySelectorAll("[data-testid=history] tbody tr:not(#load-more)").Length);
        Assert.DoesNotContain("<html", rows);
        Assert.Equal(7, rows.Split("<tr data-testid=\"history-row\">").Length - 1);
        Assert.Equal(7, page.QuerySelectorAll("[data-testid=history] tbody tr").Length);
        Assert.Null(page.QuerySelector("[data-testid=load-more]"));
    }

    [Fact]
    public async Task The_csv_export_has_every_matching_entry()
    {
        var (client, _) = await SignedUpWithSpendsAsync(120);

        var response = await client.GetAsync("/history?handler=csv&type=spend");
        var lines = (await response.Content.ReadAsStringAsync()).TrimEnd().Split('\n');

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal(LedgerCsv.Header, lines[0]);
        Assert.Equal(121, lines.Length);
        Assert.All(lines.Skip(1), l => Assert.Contains(",spend,-1,", l));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("plain, with comma", "\"plain, with comma\"")]
    [InlineData("-2+3", "\"'-2+3\"")]
    public void Csv_fields_are_quoted_and_never_run_as_formulas(string value, string expected)
    {
        Assert.Equal(expected, LedgerCsv.Field(value));
    }

    private async Task<(HttpClient Client, string UserId)> SignedUpWithSpendsAsync(int spends)
    {
        var email = Users.NewEmail();
        var client = await app.SignedUpAsync(email);
        var userId = await app.WithDbAsync(async db =>
            (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Users, u => u.Email == email)).Id);
        await app.WithScopeAsync(async s =>
        {
            var ledger = s.GetRequiredService<LedgerService>();
            if (spends > 10)
            {
                await ledger.GrantAsync(userId, new TokenGrant(GrantBucket.Purchased, spends - 10, "test", "top-up", "test", "Top-up"));
            }

            for (var i = 0; i < spends; i++)
            {
                Assert.True((await ledger.SpendAsync(userId, "create_website", 1, $"s-{i}")).Succeeded);
            }

            return 0;
        });
        return (client, userId);
    }
}
