using System.Net;
using TokenSaas.Promotions;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Promotions;

public abstract class LastUseRaceTests(TestApp app)
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task The_last_use_taken_by_twenty_buyers_at_once_goes_to_one_and_comes_back_when_that_payment_fails(int max)
    {
        var code = Promos.NewCode("LAST");
        var promotion = await app.CreatePromotionAsync(code, PromotionType.PercentOff, 25, p => p.MaxRedemptions = max);
        foreach (var earlier in await app.NewApiUsersAsync(max - 1))
        {
            await app.PaidAsync((await earlier.BuyAsync(code)).PaymentId!);
        }

        var racers = await app.NewApiUsersAsync(20);

        var results = await Task.WhenAll(racers.Select(u => u.BuyAsync(code)));

        var winner = Assert.Single(results, r => r.Started);
        Assert.All(results.Where(r => r != winner), r => Assert.Equal((HttpStatusCode.BadRequest, "This code is used up."), (r.Status, r.Error)));
        var losers = racers.Where((_, i) => results[i] != winner).ToList();
        foreach (var loser in losers)
        {
            Assert.Empty(await app.PaymentsOfAsync(loser.UserId));
        }

        Assert.Equal(promotion.Id, (await app.PaymentAsync(winner.PaymentId!)).PromotionId);
        Assert.Equal((1, max - 1), Pair(await app.PromotionAsync(promotion.Id)));

        await app.FailedAsync(winner.PaymentId!);
        Assert.Equal((0, max - 1), Pair(await app.PromotionAsync(promotion.Id)));
        var second = await losers[0].BuyAsync(code);
        Assert.True(second.Started, second.Error);
        await app.PaidAsync(second.PaymentId!);

        var ended = await app.PromotionAsync(promotion.Id);
        Assert.Equal((0, max), Pair(ended));
        Assert.Equal(PromotionStatus.Ended, ended.StatusAt(app.Now()));
        Assert.Equal("every use was taken", ended.EndReason(app.Now()));
        Assert.Equal("This code is used up.", (await losers[1].QuoteAsync(code)).Reason);
    }

    [Fact]
    public async Task Ten_checkouts_at_once_by_one_user_with_a_limit_of_one_reserve_one_use()
    {
        var code = Promos.NewCode("ONCE");
        var promotion = await app.CreatePromotionAsync(code, PromotionType.AmountOff, 5_000, p => p.Currency = "INR");
        var user = await app.NewApiUserAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => user.BuyAsync(code, key: $"once-{i}")));

        var started = Assert.Single(results, r => r.Started);
        Assert.All(results.Where(r => r != started),
            r => Assert.Equal((HttpStatusCode.BadRequest, "You have already used this code."), (r.Status, r.Error)));
        Assert.Single(await app.PaymentsOfAsync(user.UserId));
        var redemption = Assert.Single(await app.RedemptionsAsync(promotion.Id));
        Assert.Equal((started.PaymentId, RedemptionStatus.Reserved), (redemption.PaymentId, redemption.Status));
        Assert.Equal((1, 0, 5_000L, 0L), (await app.PromotionAsync(promotion.Id)).Counters());
    }

    private static (int Reserved, int Redeemed) Pair(Promotion p) => (p.Reserved, p.Redeemed);
}

public sealed class LastUseRaceTests_Sqlite(SqliteApp app) : LastUseRaceTests(app), IClassFixture<SqliteApp>;

public sealed class LastUseRaceTests_Postgres(PostgresApp app) : LastUseRaceTests(app), IClassFixture<PostgresApp>;
