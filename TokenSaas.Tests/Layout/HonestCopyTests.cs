using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TokenSaas.Ledger;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Layout;

/// <summary>Issue 14: the copy says what the product does (the free tokens, the greeting, what a plan purchase gave).</summary>
public abstract class HonestCopyTests(TestApp app)
{
    [Fact]
    public async Task A_new_account_is_welcomed_and_a_day_later_welcomed_back()
    {
        var email = Users.NewEmail();
        var client = await app.SignedUpAsync(email);

        var first = (await client.GetHtmlAsync("/dashboard")).QuerySelector("[data-testid=greeting]")!.TextContent;
        await app.WithDbAsync(db => db.Users.Where(u => u.Email == email)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.CreatedAt, u => u.CreatedAt.AddDays(-2))));
        var later = (await client.GetHtmlAsync("/dashboard")).QuerySelector("[data-testid=greeting]")!.TextContent;

        Assert.Equal(("Welcome", "Welcome back"), (first, later));
    }

    [Fact]
    public async Task After_buying_a_plan_the_page_says_which_plan_and_how_many_tokens_it_added()
    {
        var client = await app.SignedUpAsync(Users.NewEmail());
        var standard = await app.WithDbAsync(db => db.Plans.Where(p => p.Key == "standard").Select(p => new { p.Name, p.MonthlyTokens }).SingleAsync());

        var checkout = await client.SubmitFormAsync("/pricing", new Dictionary<string, string> { ["gateway"] = "sandbox" },
            "[data-testid=plan-standard] form", "[data-testid=buy-plan-standard-sandbox]");
        var paid = await client.SubmitFormAsync(checkout.Location()!, new Dictionary<string, string>(), "main form", "[data-testid=sandbox-pay]");
        var result = (await client.GetHtmlAsync(paid.Location()!)).QuerySelector("[data-testid=payment-result]")!.TextContent;

        Assert.Contains($"you are on the {standard.Name} plan now, and its {standard.MonthlyTokens:N0} tokens for this period were added to your balance", result);
        Assert.DoesNotContain("0 tokens were added", result);
    }

    [Fact]
    public async Task Buy_packs_are_grouped_under_the_currency_they_are_priced_in()
    {
        var client = await app.SignedUpAsync(Users.NewEmail());

        var headings = (await client.GetHtmlAsync("/tokens/buy")).QuerySelectorAll("h2.section-title").Select(h => h.TextContent).ToList();

        Assert.Contains("Paying in Indian rupees (₹)", headings);
        Assert.Contains("Paying in US dollars ($)", headings);
    }
}

public sealed class HonestCopyTests_Sqlite(SqliteApp app) : HonestCopyTests(app), IClassFixture<SqliteApp>;

public sealed class HonestCopyTests_Postgres(PostgresApp app) : HonestCopyTests(app), IClassFixture<PostgresApp>;
