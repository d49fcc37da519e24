using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Payments;
using TokenSaas.Promotions;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Promotions;

public abstract class PromotionSmokeTests(TestApp app)
{
    [Fact]
    public async Task A_percent_code_is_quoted_charged_counted_and_then_refused_as_used()
    {
        var code = Promos.NewCode("DIWALI");
        var promotion = await app.CreatePromotionAsync(code, PromotionType.PercentOff, 25, p => p.Currency = "INR");
        var user = await app.NewApiUserAsync();

        using var quote = await (await user.PostAsync("/api/v1/checkout/quote", new { pack = "inr_500", promo_code = code.ToLowerInvariant() })).ReadJsonAsync();
        var started = await user.PostAsync("/api/v1/checkout", new { pack = "inr_500", gateway = "sandbox", idempotency_key = "p-1", promo_code = code });
        using var startedJson = await started.ReadJsonAsync();
        var paymentId = startedJson.RootElement.GetProperty("payment_id").GetString()!;
        await app.WithScopeAsync(s => s.GetRequiredService<Fulfillment>().PaidAsync(paymentId, "gw", "test", CancellationToken.None));
        using var again = await (await user.PostAsync("/api/v1/checkout/quote", new { pack = "inr_500", promo_code = code })).ReadJsonAsync();

        Assert.Equal((50_000L, 12_500L, 37_500L), (quote.RootElement.GetProperty("amount").GetInt64(),
            quote.RootElement.GetProperty("discount").GetInt64(), quote.RootElement.GetProperty("final_amount").GetInt64()));
        var payment = await app.WithDbAsync(db => db.Payments.AsNoTracking().SingleAsync(p => p.Id == paymentId));
        Assert.Equal((37_500L, 50_000L, 12_500L, promotion.Id), (payment.Amount, payment.ListAmount, payment.Discount, payment.PromotionId!.Value));
        Assert.Equal(510, await user.BalanceAsync());
        var counted = await app.WithDbAsync(db => db.Promotions.AsNoTracking().SingleAsync(p => p.Id == promotion.Id));
        Assert.Equal((1, 0, 12_500L), (counted.Redeemed, counted.Reserved, counted.BudgetUsed));
        Assert.False(again.RootElement.GetProperty("promo").GetProperty("valid").GetBoolean());
        Assert.Equal("You have already used this code.", again.RootElement.GetProperty("promo").GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.BadRequest,
            (await user.PostAsync("/api/v1/checkout", new { pack = "inr_500", gateway = "sandbox", idempotency_key = "p-2", promo_code = code })).StatusCode);
    }
}

public sealed class PromotionSmokeTests_Sqlite(SqliteApp app) : PromotionSmokeTests(app), IClassFixture<SqliteApp>;

public sealed class PromotionSmokeTests_Postgres(PostgresApp app) : PromotionSmokeTests(app), IClassFixture<PostgresApp>;
