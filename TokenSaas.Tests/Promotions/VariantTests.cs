using Microsoft.EntityFrameworkCore;
using TokenSaas.Promotions;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Promotions;

public abstract class VariantTests(TestApp app)
{
    [Fact]
    public async Task A_buyer_always_gets_the_same_variant_and_is_charged_its_discount()
    {
        var (code, promotion) = await SplitAsync();
        var users = await app.NewApiUsersAsync(6);

        foreach (var user in users)
        {
            var first = await user.QuoteAsync(code);
            var again = await user.QuoteAsync(code);
            var bought = await user.BuyAsync(code);

            Assert.Equal(first, again);
            Assert.Equal(first.Variant == "A" ? 5_000 : 15_000, first.Discount);
            var payment = await app.PaymentAsync(bought.PaymentId!);
            var redemption = await app.WithDbAsync(db => db.Redemptions.AsNoTracking().SingleAsync(r => r.PaymentId == payment.Id));
            Assert.Equal((first.Variant, first.Discount, first.FinalAmount), (payment.PromotionVariant, payment.Discount, payment.Amount));
            Assert.Equal((first.Variant, first.Discount), (redemption.Variant, redemption.Discount));
        }

        Assert.Equal(users.Count, (await app.PromotionAsync(promotion.Id)).Reserved);
    }

    [Fact]
    public async Task Three_hundred_buyers_split_roughly_by_the_weights()
    {
        var (_, promotion) = await SplitAsync();
        var stored = await app.PromotionAsync(promotion.Id);

        var picks = Enumerable.Range(0, 300).Select(_ => stored.VariantFor(Guid.NewGuid().ToString())!.Name).ToList();

        // Weights 1:3 put 225 of 300 on B; the spread of that count is about 7.5, so 180–270 fails only if the weights are ignored.
        Assert.InRange(picks.Count(n => n == "B"), 180, 270);
        Assert.Equal(300, picks.Count(n => n is "A" or "B"));
    }

    private async Task<(string Code, Promotion Promotion)> SplitAsync()
    {
        var code = Promos.NewCode("AB");
        return (code, await app.CreatePromotionAsync(code, PromotionType.PercentOff, 20,
            p => p.Variants = [new PromotionVariant("A", 10, 1), new PromotionVariant("B", 30, 3)]));
    }
}

public sealed class VariantTests_Sqlite(SqliteApp app) : VariantTests(app), IClassFixture<SqliteApp>;

public sealed class VariantTests_Postgres(PostgresApp app) : VariantTests(app), IClassFixture<PostgresApp>;
