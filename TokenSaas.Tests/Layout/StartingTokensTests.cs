using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TokenSaas.Ledger;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Layout;

/// <summary>Issue 14: the free-token promise is computed from what sign-up grants, so it cannot drift from it.</summary>
public abstract class StartingTokensTests(TestApp app)
{
    [Fact]
    public async Task Home_and_pricing_promise_the_tokens_a_new_account_really_opens_with_and_say_what_they_are()
    {
        var options = app.Services.GetRequiredService<IOptions<TokensOptions>>().Value;
        var basic = await app.WithDbAsync(db => db.PlanVersions.Where(v => v.PlanKey == "basic").OrderByDescending(v => v.Number).Select(v => v.MonthlyTokens).FirstAsync());
        var visitor = app.CreateBrowser();

        var home = await visitor.GetHtmlAsync("/");
        var pricing = (await visitor.GetHtmlAsync("/pricing")).QuerySelector("[data-testid=pricing-intro]")!.TextContent;
        var opened = await (await app.SignedUpAsync(Users.NewEmail())).NavbarBalanceAsync();

        var total = options.WelcomeBonus + options.DailyFree + basic;
        Assert.Equal(total.ToString("N0"), opened);
        Assert.Equal($"Start with {total:N0} free tokens", home.QuerySelector("[data-testid=start-free]")!.TextContent.Trim());
        Assert.Contains($"Every account starts with {total:N0} free tokens", pricing);
        Assert.Contains($"a {options.WelcomeBonus:N0}-token welcome bonus", pricing);
        if (basic > 0)
        {
            Assert.Contains($"the Basic plan's {basic:N0} tokens for this month", pricing);
        }
    }
}

/// <summary>With the real allowances: 10 welcome + 5 daily + the basic plan's 1,000.</summary>
public sealed class StartingTokensTests_Sqlite(SqliteFreeApp app) : StartingTokensTests(app), IClassFixture<SqliteFreeApp>;

public sealed class StartingTokensTests_Postgres(PostgresApp app) : StartingTokensTests(app), IClassFixture<PostgresApp>;
