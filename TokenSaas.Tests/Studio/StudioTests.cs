using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Ledger;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Studio;

public sealed class StudioTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string Brief = "# Asha's Bakery\n\nFresh bread every morning.\n\n## Visit\n\nMain Street 4.";

    [Fact]
    public async Task Creating_a_website_costs_one_token_and_keeps_a_sandboxed_preview()
    {
        var (client, userId) = await SignedUpAsync();

        var outcome = await RunPaidAsync(client, "create_website", Brief);

        Assert.Contains("1 token spent; your balance is 9", outcome.QuerySelector("[role=status]")!.TextContent);
        var frame = outcome.QuerySelector("[data-testid=site-preview]")!;
        Assert.True(frame.HasAttribute("sandbox"));
        var site = await client.GetAsync(frame.GetAttribute("src"));
        Assert.Contains("<h1", await site.Content.ReadAsStringAsync());
        Assert.StartsWith("sandbox", site.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal(9, await BalanceAsync(userId));
    }

    [Fact]
    public async Task A_free_feature_runs_without_a_gate_and_is_still_logged()
    {
        var (client, userId) = await SignedUpAsync();

        var response = await client.SubmitFormAsync("/studio/chat", new Dictionary<string, string> { ["Input"] = "How do I add a menu?" }, "#studio-form");
        var outcome = await response.ReadHtmlAsync();

        Assert.Contains("Nothing was charged", outcome.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal(10, await BalanceAsync(userId));
        Assert.True(await app.WithDbAsync(db => db.LedgerEntries.AnyAsync(e => e.Feature == "chat"
            && db.TokenAccounts.Any(a => a.Id == e.AccountId && a.UserId == userId))));
    }

    [Fact]
    public async Task Over_a_spend_limit_the_studio_says_so_plainly_and_charges_nothing()
    {
        var (client, userId) = await SignedUpAsync();
        await app.WithScopeAsync(s => s.GetRequiredService<LedgerService>().SetLimitsAsync(userId, 1, null, Admins.Act("trial account")));
        await RunPaidAsync(client, "create_website", Brief);

        var outcome = await RunPaidAsync(client, "create_website", Brief);

        var message = outcome.QuerySelector("[data-testid=run-limited]")!.TextContent;
        Assert.Contains("Your account has a spending limit (at most 1 token per hour, and 1 token was spent in the last hour)", message);
        Assert.Contains("You can run it again in about 60 minutes. Nothing was charged.", System.Text.RegularExpressions.Regex.Replace(message, @"\s+", " "));
        Assert.Equal(9, await BalanceAsync(userId));
    }

    [Fact]
    public async Task An_action_that_fails_gives_the_tokens_back()
    {
        var (client, userId) = await SignedUpAsync();

        var outcome = await RunPaidAsync(client, "create_website", "Just some words, no name for the site.");

        Assert.Contains("your tokens were returned", outcome.QuerySelector("[data-testid=run-failed]")!.TextContent);
        Assert.Equal(10, await BalanceAsync(userId));
        Assert.True((await app.VerifyAsync()).Clean);
    }

    [Fact]
    public async Task With_too_few_tokens_the_gate_says_so_links_to_buying_and_runs_nothing()
    {
        var (client, userId) = await SignedUpAsync();
        await app.WithScopeAsync(s => s.GetRequiredService<LedgerService>().SpendAsync(userId, "cover_letter", 1, "spend-some"));

        var gate = await (await client.SubmitFormAsync("/studio/career_path",
            new Dictionary<string, string> { ["Input"] = "Ten years in accounting." }, "#studio-form")).ReadHtmlAsync();

        var message = gate.QuerySelector("[data-testid=insufficient]")!;
        Assert.Contains("costs 10 tokens; you have 5", message.TextContent);
        Assert.NotNull(message.QuerySelector("a[href='/tokens/buy']"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Projects.CountAsync(p => p.UserId == userId)));
    }

    [Fact]
    public async Task Confirming_twice_charges_once_and_makes_one_project()
    {
        var (client, userId) = await SignedUpAsync();
        var gate = await (await client.SubmitFormAsync("/studio/create_website", new Dictionary<string, string> { ["Input"] = Brief }, "#studio-form"))
            .ReadHtmlAsync();
        var form = gate.QuerySelector("[data-testid=gate] form")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value")!);

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields))));

        Assert.All(runs, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(9, await BalanceAsync(userId));
        Assert.Equal(1, await app.WithDbAsync(db => db.Projects.CountAsync(p => p.UserId == userId)));
    }

    [Theory]
    [InlineData("", "Write something for the studio to work with.")]
    [InlineData("   ", "Write something for the studio to work with.")]
    public async Task Empty_input_gets_a_message_and_charges_nothing(string input, string message)
    {
        var (client, userId) = await SignedUpAsync();

        var page = await (await client.SubmitFormAsync("/studio/analyze", new Dictionary<string, string> { ["Input"] = input }, "#studio-form")).ReadHtmlAsync();

        Assert.Equal(message, page.QuerySelector("[data-testid=studio-error]")!.TextContent.Trim());
        Assert.Equal(10, await BalanceAsync(userId));
    }

    [Fact]
    public async Task Over_long_input_is_refused_even_if_posted_by_hand()
    {
        var (client, userId) = await SignedUpAsync();

        var page = await (await client.SubmitFormAsync("/studio/analyze", new Dictionary<string, string> { ["Input"] = new string('a', 20_001) },
            "#studio-form")).ReadHtmlAsync();

        Assert.Contains("too long", page.QuerySelector("[data-testid=studio-error]")!.TextContent);
        Assert.Equal(10, await BalanceAsync(userId));
    }

    [Fact]
    public async Task Script_in_a_brief_is_never_run_or_rendered_as_html()
    {
        var (client, _) = await SignedUpAsync();

        var outcome = await RunPaidAsync(client, "create_website", "# Shop <script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[x](javascript:alert(3))");
        var site = await (await client.GetAsync(outcome.QuerySelector("[data-testid=site-preview]")!.GetAttribute("src"))).Content.ReadAsStringAsync();

        Assert.DoesNotContain("<script>", site);
        Assert.DoesNotContain("<img src=\"x\" onerror", site);
        Assert.DoesNotContain("javascript:", site);
    }

    [Fact]
    public async Task Script_typed_into_a_text_feature_comes_back_as_text()
    {
        var (client, _) = await SignedUpAsync();

        var outcome = await RunPaidAsync(client, "analyze", "Hello <script>alert('x')</script> world");
        var project = await client.GetHtmlAsync(outcome.QuerySelector("a[href^='/studio/projects/']")!.GetAttribute("href")!);

        var input = project.QuerySelector("details .report")!;
        Assert.Empty(project.QuerySelectorAll("main script"));
        Assert.Contains("&lt;script&gt;", input.InnerHtml);
    }

    [Fact]
    public async Task Nobody_else_can_open_a_project()
    {
        var (owner, _) = await SignedUpAsync();
        var (other, _) = await SignedUpAsync();
        var outcome = await RunPaidAsync(owner, "create_website", Brief);
        var link = outcome.QuerySelector("a[href^='/studio/projects/']")!.GetAttribute("href")!;

        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync(link)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(link)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(link + "?handler=Download")).StatusCode);
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> RunPaidAsync(HttpClient client, string feature, string input)
    {
        var gate = await client.SubmitFormAsync($"/studio/{feature}", new Dictionary<string, string> { ["Input"] = input }, "#studio-form");
        var page = await gate.ReadHtmlAsync();
        var form = page.QuerySelector("[data-testid=gate] form")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value")!);
        return await (await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields))).ReadHtmlAsync();
    }

    private async Task<(HttpClient Client, string UserId)> SignedUpAsync()
    {
        var email = Users.NewEmail();
        var client = await app.SignedUpAsync(email);
        return (client, await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync()));
    }

    private Task<long> BalanceAsync(string userId) =>
        app.WithScopeAsync(async s => (await s.GetRequiredService<LedgerService>().GetBalanceAsync(userId)).Total);
}
