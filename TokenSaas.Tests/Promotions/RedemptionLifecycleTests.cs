using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Payments;
using TokenSaas.Promotions;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Promotions;

public abstract class RedemptionLifecycleTests(TestApp app)
{
    [Fact]
    public async Task A_failed_payment_gives_its_use_back_and_the_buyer_may_use_the_code_again()
    {
        var (code, promotion) = await QuarterOffAsync();
        var user = await app.NewApiUserAsync();
        var bought = await user.BuyAsync(code);

        await app.FailedAsync(bought.PaymentId!);

        var redemption = Assert.Single(await app.RedemptionsAsync(promotion.Id));
        Assert.Equal((RedemptionStatus.Freed, "the payment failed", (int?)null), (redemption.Status, redemption.FreedReason, redemption.Slot));
        Assert.Equal((0, 0, 0L, 0L), (await app.PromotionAsync(promotion.Id)).Counters());
        Assert.True((await user.QuoteAsync(code)).Valid);
        Assert.True((await user.BuyAsync(code)).Started);
    }

    [Fact]
    public async Task A_refunded_payment_gives_back_its_use_and_its_share_of_the_budget()
    {
        var (code, promotion) = await QuarterOffAsync(p => p.Budget = 100_000);
        var user = await app.NewApiUserAsync();
        var bought = await user.BuyAsync(code);
        await app.PaidAsync(bought.PaymentId!);
        Assert.Equal((0, 1, 0L, 12_500L), (await app.PromotionAsync(promotion.Id)).Counters());

        await app.RefundedAsync(bought.PaymentId!);

        Assert.Equal((0, 0, 0L, 0L), (await app.PromotionAsync(promotion.Id)).Counters());
        Assert.Equal(RedemptionStatus.Freed, Assert.Single(await app.RedemptionsAsync(promotion.Id)).Status);
        Assert.Equal(10, await user.BalanceAsync());
        Assert.True((await user.QuoteAsync(code)).Valid);
    }

    [Fact]
    public async Task A_payment_that_failed_and_then_succeeded_counts_its_use_once()
    {
        var (code, promotion) = await QuarterOffAsync(p => p.Budget = 100_000);
        var user = await app.NewApiUserAsync();
        var bought = await user.BuyAsync(code);

        await app.FailedAsync(bought.PaymentId!);
        await app.PaidAsync(bought.PaymentId!);
        await app.PaidAsync(bought.PaymentId!, "gw-again");

        var redemption = Assert.Single(await app.RedemptionsAsync(promotion.Id));
        Assert.Equal((RedemptionStatus.Counted, (string?)null), (redemption.Status, redemption.FreedReason));
        Assert.Equal((0, 1, 0L, 12_500L), (await app.PromotionAsync(promotion.Id)).Counters());
        Assert.Equal(PaymentStatus.Succeeded, (await app.PaymentAsync(bought.PaymentId!)).Status);
        Assert.Equal(510, await user.BalanceAsync());
        Assert.Equal("You have already used this code.", (await user.QuoteAsync(code)).Reason);
    }

    [Fact]
    public async Task Twelve_reports_of_paid_at_once_count_the_use_once()
    {
        var (code, promotion) = await QuarterOffAsync(p => p.Budget = 100_000);
        var user = await app.NewApiUserAsync();
        var bought = await user.BuyAsync(code);

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => app.PaidAsync(bought.PaymentId!, $"gw-{i % 3}")));

        Assert.Equal((0, 1, 0L, 12_500L), (await app.PromotionAsync(promotion.Id)).Counters());
        Assert.Equal(RedemptionStatus.Counted, Assert.Single(await app.RedemptionsAsync(promotion.Id)).Status);
        Assert.Equal(510, await user.BalanceAsync());
        Assert.True((await app.VerifyAsync()).Clean);
    }

    [Fact]
    public async Task A_failure_report_that_read_the_payment_before_its_success_landed_does_not_free_the_counted_use()
    {
        var (code, promotion) = await QuarterOffAsync();
        var user = await app.NewApiUserAsync();
        var bought = await user.BuyAsync(code);
        await app.WithDbAsync(db => db.Payments.Where(p => p.Id == bought.PaymentId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PaymentStatus.Failed)));
        var seenByTheFailureReport = await app.PaymentAsync(bought.PaymentId!);

        await app.PaidAsync(bought.PaymentId!);
        await app.WithScopeAsync(async s =>
        {
            await s.GetRequiredService<Redemptions>().SettleAsync(seenByTheFailureReport, CancellationToken.None);
            return true;
        });

        Assert.Equal(RedemptionStatus.Counted, Assert.Single(await app.RedemptionsAsync(promotion.Id)).Status);
        Assert.Equal((0, 1, 0L, 12_500L), (await app.PromotionAsync(promotion.Id)).Counters());
    }

    [Fact]
    public async Task Failure_and_success_reports_racing_leave_a_paid_payment_s_use_counted()
    {
        var (code, promotion) = await QuarterOffAsync(p => p.PerUserLimit = 8);
        var user = await app.NewApiUserAsync();
        var payments = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            payments.Add((await user.BuyAsync(code)).PaymentId!);
        }

        // A card declined and then accepted on the gateway's page: both reports arrive together, the success last or not.
        await Task.WhenAll(payments.SelectMany(id => Enumerable.Range(0, 10).Select(i => i % 2 == 0 ? app.FailedAsync(id) : app.PaidAsync(id))));

        foreach (var id in payments)
        {
            Assert.Equal(PaymentStatus.Succeeded, (await app.PaymentAsync(id)).Status);
        }

        Assert.All(await app.RedemptionsAsync(promotion.Id), r => Assert.Equal(RedemptionStatus.Counted, r.Status));
        Assert.Equal((0, 8, 0L, 8 * 12_500L), (await app.PromotionAsync(promotion.Id)).Counters());
    }

    [Fact]
    public async Task Twelve_settles_of_one_paid_payment_at_once_move_the_counters_once()
    {
        var (code, promotion) = await QuarterOffAsync(p => p.Budget = 100_000);
        var user = await app.NewApiUserAsync();
        var bought = await user.BuyAsync(code);
        await app.WithDbAsync(db => db.Payments.Where(p => p.Id == bought.PaymentId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PaymentStatus.Succeeded)));
        var paid = await app.PaymentAsync(bought.PaymentId!);

        await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => app.WithScopeAsync(async s =>
        {
            await s.GetRequiredService<Redemptions>().SettleAsync(paid, CancellationToken.None);
            return true;
        })));

        Assert.Equal((0, 1, 0L, 12_500L), (await app.PromotionAsync(promotion.Id)).Counters());
    }

    [Fact]
    public async Task A_whole_price_taken_off_settles_at_once_without_a_gateway()
    {
        var code = Promos.NewCode("FREE");
        var promotion = await app.CreatePromotionAsync(code, PromotionType.PercentOff, 100);
        var user = await app.NewApiUserAsync();

        var bought = await user.BuyAsync(code);

        Assert.True(bought.Started, bought.Error);
        var payment = await app.PaymentAsync(bought.PaymentId!);
        Assert.Equal((PaymentStatus.Succeeded, 0L, 50_000L), (payment.Status, payment.Amount, payment.Discount));
        Assert.StartsWith("free_", payment.GatewayOrderId);
        Assert.Equal($"/tokens/buy?payment={payment.Id}", bought.Body.GetProperty("redirect_url").GetString());
        Assert.Equal(510, await user.BalanceAsync());
        Assert.Equal(RedemptionStatus.Counted, Assert.Single(await app.RedemptionsAsync(promotion.Id)).Status);
        Assert.Equal((0, 1, 0L, 50_000L), (await app.PromotionAsync(promotion.Id)).Counters());
    }

    [Fact]
    public async Task A_plan_bought_with_a_bonus_code_brings_the_plan_and_the_bonus_and_a_refund_takes_both_back()
    {
        var code = Promos.NewCode("PLANBONUS");
        var promotion = await app.CreatePromotionAsync(code, PromotionType.BonusTokens, 500, p =>
        {
            p.AllPacks = false;
            p.Plans = ["standard"];
        });
        var user = await app.NewApiUserAsync();
        var quote = await user.QuoteAsync(code, plan: "standard");

        var bought = await user.BuyPlanAsync("standard", code);
        await app.PaidAsync(bought.PaymentId!);

        Assert.Equal((2_900L, 0L, 500L, true), (quote.Amount, quote.Discount, quote.BonusTokens, quote.Valid));
        Assert.Equal("standard", await PlanOfAsync(user));
        var bonus = await app.PromotionGrantsAsync(user.UserId);
        Assert.Equal((500L, 500L), (bonus.Sum(g => g.Amount), bonus.Sum(g => g.Remaining)));
        Assert.Equal(10 + 10_000 + 500, await user.BalanceAsync());
        Assert.Equal((0, 1, 0L, 500L), (await app.PromotionAsync(promotion.Id)).Counters());

        await app.RefundedAsync(bought.PaymentId!);

        Assert.NotEqual("standard", await PlanOfAsync(user));
        Assert.Equal(0L, (await app.PromotionGrantsAsync(user.UserId)).Sum(g => g.Remaining));
        Assert.Equal(10, await user.BalanceAsync());
        Assert.Equal((0, 0, 0L, 0L), (await app.PromotionAsync(promotion.Id)).Counters());
        Assert.True((await app.VerifyAsync()).Clean);
    }

    private async Task<(string Code, Promotion Promotion)> QuarterOffAsync(Action<Promotion>? configure = null)
    {
        var code = Promos.NewCode("QUARTER");
        return (code, await app.CreatePromotionAsync(code, PromotionType.PercentOff, 25, p =>
        {
            p.Currency = "INR";
            configure?.Invoke(p);
        }));
    }

    private Task<string> PlanOfAsync(ApiUser user) =>
        app.WithDbAsync(db => db.TokenAccounts.AsNoTracking().Where(a => a.UserId == user.UserId).Select(a => a.PlanKey).SingleAsync());
}

public sealed class RedemptionLifecycleTests_Sqlite(SqliteApp app) : RedemptionLifecycleTests(app), IClassFixture<SqliteApp>;

public sealed class RedemptionLifecycleTests_Postgres(PostgresApp app) : RedemptionLifecycleTests(app), IClassFixture<PostgresApp>;
