using System.Net;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Promotions;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Promotions;

/// <summary>A code that does not apply is refused at checkout with a reason, and nothing is written: no payment, no use taken.</summary>
public abstract class PromoRefusalTests(TestApp app)
{
    [Fact]
    public async Task An_unknown_code_is_refused()
    {
        var user = await app.NewApiUserAsync();
        var code = Promos.NewCode("NOPE");

        await AssertRefusedAsync(user, code, $"There is no code {code}. Check how it is spelled.");
    }

    [Fact]
    public async Task A_ten_thousand_character_code_is_refused_without_echoing_it()
    {
        var user = await app.NewApiUserAsync();

        var error = await AssertRefusedAsync(user, new string('x', 10_000), null);

        Assert.StartsWith("There is no code XXXXXXXXXXXXXXXXXXXXXXXX…", error);
        Assert.True(error.Length < 100, error);
    }

    [Fact]
    public async Task A_usd_code_is_refused_on_an_inr_pack()
    {
        var (user, code, promotion) = await WithPromotionAsync(PromotionType.AmountOff, 500, p => p.Currency = "USD");

        await AssertRefusedAsync(user, code, "This code is for prices in USD; this price is in INR.", promotion);
    }

    [Fact]
    public async Task A_plan_only_code_is_refused_on_a_pack()
    {
        var (user, code, promotion) = await WithPromotionAsync(PromotionType.PercentOff, 10, p =>
        {
            p.AllPacks = false;
            p.Plans = ["standard"];
        });

        await AssertRefusedAsync(user, code, "This code does not apply to the 500 tokens pack.", promotion);
        Assert.True((await user.QuoteAsync(code, plan: "standard")).Valid);
    }

    [Fact]
    public async Task A_purchase_below_the_minimum_is_refused()
    {
        var (user, code, promotion) = await WithPromotionAsync(PromotionType.PercentOff, 10, p => (p.Currency, p.MinAmount) = ("INR", 100_000));

        await AssertRefusedAsync(user, code, "This code needs a purchase of at least ₹1,000.", promotion);
        Assert.True((await user.QuoteAsync(code, "inr_1000")).Valid);
    }

    [Fact]
    public async Task A_new_buyers_code_is_refused_after_a_purchase()
    {
        var (user, code, promotion) = await WithPromotionAsync(PromotionType.PercentOff, 10, p => p.NewBuyersOnly = true);
        Assert.True((await user.QuoteAsync(code)).Valid);
        await app.PaidAsync((await user.BuyAsync(null, "inr_100")).PaymentId!);

        await AssertRefusedAsync(user, code, "This code is for a first purchase only.", promotion, payments: 1);
    }

    [Fact]
    public async Task A_code_for_listed_people_is_refused_to_anyone_else()
    {
        var listed = await app.NewApiUserAsync();
        var (user, code, promotion) = await WithPromotionAsync(PromotionType.PercentOff, 10,
            p => p.EligibleEmails = [EmailIdentity.Key(listed.Email)]);

        await AssertRefusedAsync(user, code, "This code is not available for your account.", promotion);
        Assert.True((await listed.QuoteAsync(code)).Valid);
    }

    [Fact]
    public async Task A_code_for_members_of_a_plan_is_refused_to_others()
    {
        var (user, code, promotion) = await WithPromotionAsync(PromotionType.PercentOff, 10, p => p.EligiblePlans = ["premium"]);

        await AssertRefusedAsync(user, code, "This code is for members of the premium plan.", promotion);
    }

    [Fact]
    public async Task A_free_tokens_code_is_refused_at_checkout()
    {
        var (user, code, promotion) = await WithPromotionAsync(PromotionType.FreeTokens, 50);

        await AssertRefusedAsync(user, code, "This code gives free tokens: redeem it on the Redeem a code page instead.", promotion);
    }

    private async Task<(ApiUser User, string Code, Promotion Promotion)> WithPromotionAsync(PromotionType type, long value,
        Action<Promotion> configure)
    {
        var code = Promos.NewCode("BAD");
        var promotion = await app.CreatePromotionAsync(code, type, value, configure);
        return (await app.NewApiUserAsync(), code, promotion);
    }

    private Task<(ApiUser User, string Code, Promotion Promotion)> WithPromotionAsync(PromotionType type, long value) =>
        WithPromotionAsync(type, value, _ => { });

    /// <summary>The quote and the checkout both refuse with <paramref name="reason"/> (when given), and nothing was written.</summary>
    private async Task<string> AssertRefusedAsync(ApiUser user, string code, string? reason, Promotion? promotion = null, int payments = 0)
    {
        var quote = await user.QuoteAsync(code);
        var bought = await user.BuyAsync(code);

        Assert.Equal((HttpStatusCode.BadRequest, false, 0L), (bought.Status, quote.Valid, quote.Discount));
        Assert.Equal(quote.Reason, bought.Error);
        if (reason is not null)
        {
            Assert.Equal(reason, bought.Error);
        }

        Assert.Equal(payments, (await app.PaymentsOfAsync(user.UserId)).Count);
        Assert.Equal(0, await app.WithDbAsync(db => db.Redemptions.CountAsync(r => r.UserId == user.UserId)));
        if (promotion is not null)
        {
            var after = await app.PromotionAsync(promotion.Id);
            Assert.Equal((0, 0, 0L, 0L), after.Counters());
            Assert.Equal(0, await app.WithDbAsync(db => db.PromotionCodes.Where(c => c.PromotionId == promotion.Id).SumAsync(c => c.Uses)));
        }

        return bought.Error!;
    }
}

public sealed class PromoRefusalTests_Sqlite(SqliteApp app) : PromoRefusalTests(app), IClassFixture<SqliteApp>;

public sealed class PromoRefusalTests_Postgres(PostgresApp app) : PromoRefusalTests(app), IClassFixture<PostgresApp>;
