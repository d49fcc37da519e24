using System.Net;
using TokenSaas.Promotions;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Promotions;

public abstract class PromotionBudgetTests(TestApp app)
{
    [Fact]
    public async Task A_money_budget_of_two_discounts_gives_two_and_then_ends()
    {
        var code = Promos.NewCode("BUDGET");
        var promotion = await app.CreatePromotionAsync(code, PromotionType.PercentOff, 25, p => (p.Currency, p.Budget) = ("INR", 25_000));
        var users = await app.NewApiUsersAsync(3);

        foreach (var user in users.Take(2))
        {
            var bought = await user.BuyAsync(code);
            Assert.True(bought.Started, bought.Error);
            await app.PaidAsync(bought.PaymentId!);
        }

        var quote = await users[2].QuoteAsync(code);
        var third = await users[2].BuyAsync(code);

        Assert.Equal((false, "This promotion's budget is spent."), (quote.Valid, quote.Reason));
        Assert.Equal((HttpStatusCode.BadRequest, "This promotion's budget is spent."), (third.Status, third.Error));
        Assert.Empty(await app.PaymentsOfAsync(users[2].UserId));
        var spent = await app.PromotionAsync(promotion.Id);
        Assert.Equal((0, 2, 0L, 25_000L), spent.Counters());
        Assert.Equal((PromotionStatus.Ended, "its budget is spent"), (spent.StatusAt(app.Now()), spent.EndReason(app.Now())));
    }

    [Fact]
    public async Task Ten_checkouts_at_once_never_reserve_past_a_money_budget()
    {
        var code = Promos.NewCode("BUDGETRACE");
        var promotion = await app.CreatePromotionAsync(code, PromotionType.PercentOff, 25, p => (p.Currency, p.Budget) = ("INR", 25_000));
        var users = await app.NewApiUsersAsync(10);

        var results = await Task.WhenAll(users.Select(u => u.BuyAsync(code)));

        Assert.Equal(2, results.Count(r => r.Started));
        Assert.All(results.Where(r => !r.Started), r => Assert.Equal("This promotion's budget is spent.", r.Error));
        Assert.Equal((2, 0, 25_000L, 0L), (await app.PromotionAsync(promotion.Id)).Counters());
        await Task.WhenAll(results.Where(r => r.Started).Select(r => app.PaidAsync(r.PaymentId!)));
        Assert.Equal((0, 2, 0L, 25_000L), (await app.PromotionAsync(promotion.Id)).Counters());
    }

    [Fact]
    public async Task A_token_budget_stops_bonus_tokens_when_spent_even_under_a_rush()
    {
        var code = Promos.NewCode("BONUSBUDGET");
        var promotion = await app.CreatePromotionAsync(code, PromotionType.BonusTokens, 100, p => p.Budget = 200);
        var users = await app.NewApiUsersAsync(10);

        var results = await Task.WhenAll(users.Select(u => u.BuyAsync(code)));
        await Task.WhenAll(results.Where(r => r.Started).Select(r => app.PaidAsync(r.PaymentId!)));

        var winners = users.Where((_, i) => results[i].Started).ToList();
        Assert.Equal(2, winners.Count);
        Assert.All(results.Where(r => !r.Started), r => Assert.Equal("This promotion's budget is spent.", r.Error));
        foreach (var winner in winners)
        {
            Assert.Equal(10 + 500 + 100, await winner.BalanceAsync());
        }

        var spent = await app.PromotionAsync(promotion.Id);
        Assert.Equal((0, 2, 0L, 200L), spent.Counters());
        Assert.Equal(PromotionStatus.Ended, spent.StatusAt(app.Now()));
        Assert.Equal("This promotion's budget is spent.", (await users.First(u => !winners.Contains(u)).QuoteAsync(code)).Reason);
    }
}

public sealed class PromotionBudgetTests_Sqlite(SqliteApp app) : PromotionBudgetTests(app), IClassFixture<SqliteApp>;

public sealed class PromotionBudgetTests_Postgres(PostgresApp app) : PromotionBudgetTests(app), IClassFixture<PostgresApp>;
