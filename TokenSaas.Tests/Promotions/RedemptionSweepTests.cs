using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Data;
using TokenSaas.Payments;
using TokenSaas.Promotions;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Promotions;

/// <summary>Uses a stopped process left reserved (it died between settling a payment and moving its redemption) are put right by the sweeps.</summary>
public abstract class RedemptionSweepTests(TestApp app)
{
    private static readonly TimeSpan After = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task A_use_left_reserved_after_its_payment_succeeded_is_counted_and_one_after_a_failure_is_freed()
    {
        var code = Promos.NewCode("SWEEP");
        var promotion = await app.CreatePromotionAsync(code, PromotionType.PercentOff, 10, p => p.PerUserLimit = 2);
        var user = await app.NewApiUserAsync();
        var paid = (await user.BuyAsync(code)).PaymentId!;
        var failed = (await user.BuyAsync(code)).PaymentId!;
        await StopAfterStatusAsync(paid, PaymentStatus.Succeeded);
        await StopAfterStatusAsync(failed, PaymentStatus.Failed);

        var tooEarly = await SweepAsync();
        app.Clock.Advance(After + TimeSpan.FromMinutes(1));
        await SweepAsync();
        await SweepAsync();

        Assert.Equal(0, tooEarly);
        var redemptions = (await app.RedemptionsAsync(promotion.Id)).ToDictionary(r => r.PaymentId!);
        Assert.Equal(RedemptionStatus.Counted, redemptions[paid].Status);
        Assert.Equal((RedemptionStatus.Freed, "the payment did not succeed"), (redemptions[failed].Status, redemptions[failed].FreedReason));
        Assert.Equal((0, 1, 0L, 5_000L), (await app.PromotionAsync(promotion.Id)).Counters());
    }

    [Fact]
    public async Task A_free_token_use_left_reserved_is_granted_once_by_the_sweep()
    {
        var code = Promos.NewCode("SWEEPGIFT");
        var promotion = await app.CreatePromotionAsync(code, PromotionType.FreeTokens, 70);
        var user = await app.NewApiUserAsync();
        await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<AppDbContext>();
            var (quote, reason) = await s.GetRequiredService<PromotionQuotes>().FreeTokensAsync(user.UserId, code, CancellationToken.None);
            Assert.True(quote is not null, reason);
            await using var transaction = await db.Database.BeginTransactionAsync();
            Assert.Null(await s.GetRequiredService<Redemptions>().ReserveAsync(quote, user.UserId, null, null, null, CancellationToken.None));
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return true;
        });
        Assert.Equal(10, await user.BalanceAsync());

        app.Clock.Advance(After + TimeSpan.FromMinutes(1));
        await Task.WhenAll(GiftSweepAsync(), GiftSweepAsync());
        await GiftSweepAsync();

        Assert.Equal(80, await user.BalanceAsync());
        Assert.Single(await app.PromotionGrantsAsync(user.UserId));
        Assert.Equal(RedemptionStatus.Counted, Assert.Single(await app.RedemptionsAsync(promotion.Id)).Status);
        Assert.Equal((0, 1, 0L, 70L), (await app.PromotionAsync(promotion.Id)).Counters());
        Assert.True((await app.VerifyAsync()).Clean);
    }

    // What a payment looks like when the process stopped right after Fulfillment moved its status.
    private Task<int> StopAfterStatusAsync(string paymentId, PaymentStatus status) =>
        app.WithDbAsync(db => db.Payments.Where(p => p.Id == paymentId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, status)));

    private Task<int> SweepAsync() => app.WithScopeAsync(s => s.GetRequiredService<Redemptions>().SweepAsync(After, CancellationToken.None));

    private Task<int> GiftSweepAsync() => app.WithScopeAsync(s => s.GetRequiredService<FreeTokenRedeemer>().SweepAsync(After, CancellationToken.None));
}

public sealed class RedemptionSweepTests_Sqlite(SqliteApp app) : RedemptionSweepTests(app), IClassFixture<SqliteApp>;

public sealed class RedemptionSweepTests_Postgres(PostgresApp app) : RedemptionSweepTests(app), IClassFixture<PostgresApp>;
