using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Ledger;
using TokenSaas.Promotions;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Promotions;

public abstract class FreeTokenGrantTests(TestApp app)
{
    [Fact]
    public async Task A_free_tokens_code_grants_bonus_tokens_with_the_promotion_s_expiry_once()
    {
        var code = Promos.NewCode("GIFT");
        var promotion = await app.CreatePromotionAsync(code, PromotionType.FreeTokens, 50, p => p.TokenExpiryDays = 30);
        var user = await app.NewApiUserAsync();

        var first = await RedeemAsync(user, code.ToLowerInvariant());
        var again = await RedeemAsync(user, code);

        Assert.True(first.Succeeded, first.Failure?.Message);
        var expiresAt = app.Now().AddDays(30);
        Assert.Equal((code, 50L, 60L), (first.Value!.Code, first.Value.Tokens, first.Value.Balance));
        Assert.Equal(expiresAt, first.Value.ExpiresAt!.Value, TimeSpan.FromSeconds(5));
        Assert.Equal("You have already used this code.", again.Failure?.Message);
        var grant = Assert.Single(await app.PromotionGrantsAsync(user.UserId));
        Assert.Equal((GrantBucket.Bonus, 50L), (grant.Bucket, grant.Amount));
        Assert.Equal(expiresAt, grant.ExpiresAt!.Value, TimeSpan.FromSeconds(5));
        Assert.Equal(60, await user.BalanceAsync());
        Assert.Equal(RedemptionStatus.Counted, Assert.Single(await app.RedemptionsAsync(promotion.Id)).Status);
        Assert.Equal((0, 1, 0L, 50L), (await app.PromotionAsync(promotion.Id)).Counters());
    }

    [Fact]
    public async Task Five_redeems_at_once_by_one_user_grant_once()
    {
        var code = Promos.NewCode("GIFTRUSH");
        var promotion = await app.CreatePromotionAsync(code, PromotionType.FreeTokens, 40);
        var user = await app.NewApiUserAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => RedeemAsync(user, code)));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal("You have already used this code.", r.Failure!.Message));
        Assert.Single(await app.PromotionGrantsAsync(user.UserId));
        Assert.Equal(50, await user.BalanceAsync());
        Assert.Equal((0, 1, 0L, 40L), (await app.PromotionAsync(promotion.Id)).Counters());
        Assert.True((await app.VerifyAsync()).Clean);
    }

    [Fact]
    public async Task A_discount_code_is_not_redeemed_for_tokens()
    {
        var code = Promos.NewCode("NOTGIFT");
        await app.CreatePromotionAsync(code, PromotionType.PercentOff, 10);
        var user = await app.NewApiUserAsync();

        var result = await RedeemAsync(user, code);

        Assert.Equal("This code is a discount: enter it when you buy tokens or a plan.", result.Failure?.Message);
        Assert.Equal(10, await user.BalanceAsync());
    }

    private Task<LedgerResult<Redeemed>> RedeemAsync(ApiUser user, string code) =>
        app.WithScopeAsync(s => s.GetRequiredService<FreeTokenRedeemer>().RedeemAsync(user.UserId, code, "203.0.113.7", CancellationToken.None));
}

public sealed class FreeTokenGrantTests_Sqlite(SqliteApp app) : FreeTokenGrantTests(app), IClassFixture<SqliteApp>;

public sealed class FreeTokenGrantTests_Postgres(PostgresApp app) : FreeTokenGrantTests(app), IClassFixture<PostgresApp>;
