using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Identity;
using TokenSaas.Payments;
using TokenSaas.Plans;
using TokenSaas.Tests.Infrastructure;
using static TokenSaas.Tests.Plans.Versions.PricingSteps;

namespace TokenSaas.Tests.Plans.Versions;

/// <summary>
/// Issue 10's version rules as subscribers meet them: what a renewal charges and gives after a
/// plan changed (grandfathered or migrated at a date), seed 003's carry-over between versions,
/// payments started before a change, notices before a migration.
/// </summary>
public abstract class PlanVersionTests : IAsyncLifetime
{
    // Mid-month, so that "the next month start" and "30 days later" are different days.
    private static readonly DateTimeOffset Start = new(2030, 6, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset July = new(2030, 7, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset August = new(2030, 8, 1, 0, 0, 0, TimeSpan.Zero);

    protected abstract TestDatabase NewDatabase();

    protected TimeApp App { get; private set; } = null!;

    private ApiUser Admin { get; set; } = null!;

    public async Task InitializeAsync()
    {
        App = new TimeApp(NewDatabase());
        App.Clock.MoveTo(Start);
        await App.InitializeAsync();
        Admin = await App.NewApiUserAsync(Roles.Admin);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    [Fact]
    public async Task A_grandfathered_subscriber_renews_at_the_old_price_while_a_new_buyer_pays_the_new_one()
    {
        var subscriber = await App.NewApiUserAsync();
        var first = await subscriber.BuyAsync("standard");

        await Admin.ChangePlanAsync("standard", new
        {
            prices = Prices(("INR", 4_900), ("USD", 900)), monthly_tokens = 12_000, reason = "More tokens, higher price",
        });
        var renewal = await subscriber.BuyAsync("standard");
        var newcomer = await App.NewApiUserAsync();
        var bought = await newcomer.BuyAsync("standard");

        Assert.Equal((2_900L, "INR", (int?)1), (first.Amount, first.Currency, first.PlanVersion));
        Assert.Equal((2_900L, "INR", (int?)1), (renewal.Amount, renewal.Currency, renewal.PlanVersion));
        Assert.Equal((4_900L, "INR", (int?)2), (bought.Amount, bought.Currency, bought.PlanVersion));
        // Each month's quota comes from the subscriber's own version.
        App.Clock.MoveTo(July);
        var old = await subscriber.SubscriptionAsync();
        var fresh = await newcomer.SubscriptionAsync();
        Assert.Equal(("standard", 1, 10_000L, 0L), (old.Plan, old.Version, old.Quota, old.Used));
        Assert.Equal(("standard", 2, 12_000L, 0L), (fresh.Plan, fresh.Version, fresh.Quota, fresh.Used));
        Assert.True((await App.VerifyAsync()).Clean);
    }

    [Fact]
    public async Task A_renewal_extends_the_period_from_its_current_end_by_the_subscriber_s_own_version()
    {
        var subscriber = await App.NewApiUserAsync();
        await subscriber.BuyAsync("standard");
        await Admin.ChangePlanAsync("standard", new { duration_days = 60, prices = Prices(("INR", 5_000)), reason = "Two-month periods" });

        App.Clock.MoveTo(Start.AddDays(10));
        await subscriber.BuyAsync("standard");
        var renewed = await subscriber.SubscriptionAsync();
        var newcomer = await App.NewApiUserAsync();
        await newcomer.BuyAsync("standard");

        // Ten days into a 30-day period: the next 30 days start when this one ends, not today.
        Assert.Equal(Start.UtcDateTime.AddDays(60), renewed.EndsAt);
        Assert.Equal((1, 11_000L), (renewed.Version, renewed.Quota));
        Assert.Equal(Start.UtcDateTime.AddDays(10 + 60), (await newcomer.SubscriptionAsync()).EndsAt);
    }

    [Fact]
    public async Task Before_the_migration_date_a_renewal_keeps_the_old_version_and_price()
    {
        var subscriber = await App.NewApiUserAsync();
        await subscriber.BuyAsync("standard");
        await Admin.ChangePlanAsync("standard", new
        {
            prices = Prices(("INR", 4_900)), monthly_tokens = 12_000, grandfather = false, effective_at = new DateTimeOffset(2030, 7, 5, 0, 0, 0, TimeSpan.Zero),
            reason = "Price rise from 5 July",
        });

        App.Clock.MoveTo(new DateTimeOffset(2030, 7, 4, 23, 0, 0, TimeSpan.Zero));
        var renewal = await subscriber.BuyAsync("standard");
        var after = await subscriber.SubscriptionAsync();
        var newcomer = await App.NewApiUserAsync();
        var bought = await newcomer.BuyAsync("standard");

        Assert.Equal((2_900L, (int?)1), (renewal.Amount, renewal.PlanVersion));
        Assert.Equal(("standard", 1, 10_000L), (after.Plan, after.Version, after.Quota));
        Assert.Equal(Start.UtcDateTime.AddDays(60), after.EndsAt);
        // The date is for current subscribers; a new buyer gets the new version straight away.
        Assert.Equal((4_900L, (int?)2), (bought.Amount, bought.PlanVersion));
        Assert.Equal((2, 12_000L + 1_000L), ((await newcomer.SubscriptionAsync()).Version, (await newcomer.SubscriptionAsync()).Quota));
    }

    [Fact]
    public async Task A_grandfathered_subscriber_who_lets_the_plan_end_comes_back_at_the_new_price()
    {
        var subscriber = await App.NewApiUserAsync();
        await subscriber.BuyAsync("standard");
        await Admin.ChangePlanAsync("standard", new { prices = Prices(("INR", 4_900)), monthly_tokens = 12_000, reason = "Price rise" });

        App.Clock.MoveTo(Start.AddDays(31));
        var lapsed = await subscriber.SubscriptionAsync();
        var comeback = await subscriber.BuyAsync("standard");
        var after = await subscriber.SubscriptionAsync();

        Assert.Equal(("basic", (DateTime?)null), (lapsed.Plan, lapsed.EndsAt));
        Assert.Equal((4_900L, (int?)2), (comeback.Amount, comeback.PlanVersion));
        Assert.Equal(("standard", 2, Start.UtcDateTime.AddDays(31 + 30)), (after.Plan, after.Version, after.EndsAt));
    }

    // Seed 003 between versions of one plan: more tokens is an upgrade (new base + what was left,
    // used 0), fewer a downgrade (new base, used stays).
    [Theory]
    [InlineData(12_000, 4_900, 12_000 + 7_000, 0)]
    [InlineData(8_000, 1_900, 8_000, 3_000)]
    public async Task After_the_migration_date_the_renewal_charges_the_new_price_and_moves_the_subscriber_with_seed_003_carry_over(
        long newTokens, long newPrice, long quota, long used)
    {
        var subscriber = await App.NewApiUserAsync();
        await subscriber.BuyAsync("standard");
        await Admin.ChangePlanAsync("standard", new
        {
            prices = Prices(("INR", newPrice)), monthly_tokens = newTokens, grandfather = false,
            effective_at = new DateTimeOffset(2030, 7, 5, 0, 0, 0, TimeSpan.Zero), reason = "New terms from 5 July",
        });
        App.Clock.MoveTo(new DateTimeOffset(2030, 7, 6, 10, 0, 0, TimeSpan.Zero));
        await subscriber.UsePlanTokensAsync(3_000);
        var before = await subscriber.SubscriptionAsync();

        var renewal = await subscriber.BuyAsync("standard");
        var moved = await subscriber.SubscriptionAsync();

        Assert.Equal((1, 10_000L, 3_000L), (before.Version, before.Quota, before.Used));
        Assert.Equal((newPrice, (int?)2), (renewal.Amount, renewal.PlanVersion));
        Assert.Equal(("standard", 2, quota, used, quota - used), (moved.Plan, moved.Version, moved.Quota, moved.Used, moved.Remaining));
        Assert.Equal(Start.UtcDateTime.AddDays(60), moved.EndsAt);
        App.Clock.MoveTo(August);
        Assert.Equal((newTokens, 0L), ((await subscriber.SubscriptionAsync()).Quota, (await subscriber.SubscriptionAsync()).Used));
        Assert.True((await App.VerifyAsync()).Clean);
    }

    [Fact]
    public async Task A_migrating_quota_change_of_the_free_plan_moves_its_users_at_the_next_month_start()
    {
        var user = await App.NewApiUserAsync();
        await user.UsePlanTokensAsync(300);

        await Admin.ChangePlanAsync("basic", new
        {
            monthly_tokens = 2_000, grandfather = false, effective_at = new DateTimeOffset(2030, 6, 20, 0, 0, 0, TimeSpan.Zero),
            reason = "Bigger free plan",
        });
        App.Clock.MoveTo(new DateTimeOffset(2030, 6, 13, 0, 0, 0, TimeSpan.Zero));
        await SendNoticesAsync();
        App.Clock.MoveTo(new DateTimeOffset(2030, 6, 25, 0, 0, 0, TimeSpan.Zero));
        var afterTheDate = await user.SubscriptionAsync();
        App.Clock.MoveTo(July);
        var nextMonth = await user.SubscriptionAsync();

        Assert.Equal(("basic", 1, 1_000L, 300L), (afterTheDate.Plan, afterTheDate.Version, afterTheDate.Quota, afterTheDate.Used));
        Assert.Equal(("basic", 2, 2_000L, 0L, (DateTime?)null), (nextMonth.Plan, nextMonth.Version, nextMonth.Quota, nextMonth.Used, nextMonth.EndsAt));
        var notice = Assert.Single(await NoticesAsync(user));
        Assert.Contains("From 20 Jun 2030, your Basic plan gives 2,000 tokens a month.", notice.Body);
        Assert.True((await App.VerifyAsync()).Clean);
    }

    [Fact]
    public async Task A_grandfathered_quota_change_of_the_free_plan_keeps_its_users_and_gives_newcomers_the_new_quota()
    {
        var user = await App.NewApiUserAsync();
        await user.SubscriptionAsync();

        await Admin.ChangePlanAsync("basic", new { monthly_tokens = 2_000, reason = "Bigger free plan for newcomers" });
        var newcomer = await App.NewApiUserAsync();
        var joined = await newcomer.SubscriptionAsync();
        App.Clock.MoveTo(July);
        var kept = await user.SubscriptionAsync();

        Assert.Equal(("basic", 1, 1_000L), (kept.Plan, kept.Version, kept.Quota));
        Assert.Equal(("basic", 2, 2_000L), (joined.Plan, joined.Version, joined.Quota));
        Assert.Equal(2_000, (await newcomer.SubscriptionAsync()).Quota);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_checkout_started_before_a_price_change_completes_at_its_price_and_gives_the_version_it_paid_for(bool grandfather)
    {
        var buyer = await App.NewApiUserAsync();
        var started = await buyer.StartCheckoutAsync("standard");

        // Without a date, a migrating version applies from now on.
        await Admin.ChangePlanAsync("standard", new { prices = Prices(("INR", 4_900)), monthly_tokens = 12_000, grandfather, reason = "Price rise" });
        var paid = await App.PaidAsync(started);
        var subscription = await buyer.SubscriptionAsync();

        Assert.Equal((2_900L, "INR", (int?)1), (paid.Amount, paid.Currency, paid.PlanVersion));
        Assert.Equal(("standard", 1, 10_000L + 1_000L), (subscription.Plan, subscription.Version, subscription.Quota));
        // Their next renewal follows the change: grandfathered, the old terms; migrating from now, the new ones.
        var next = await App.PaymentAsync(await buyer.StartCheckoutAsync("standard"));
        Assert.Equal(grandfather ? (2_900L, (int?)1) : (4_900L, (int?)2), (next.Amount, next.PlanVersion));
    }

    [Fact]
    public async Task Upgrading_from_standard_v1_to_premium_v2_carries_the_remainder_over_exactly()
    {
        var user = await App.NewApiUserAsync();
        await user.BuyAsync("standard");
        App.Clock.MoveTo(July);
        await user.UsePlanTokensAsync(3_000);
        await Admin.ChangePlanAsync("premium", new { prices = Prices(("INR", 12_900)), monthly_tokens = 60_000, reason = "Premium gets more" });

        var payment = await user.BuyAsync("premium");
        var after = await user.SubscriptionAsync();

        Assert.Equal((12_900L, (int?)2), (payment.Amount, payment.PlanVersion));
        Assert.Equal(("premium", 2, 60_000L + 7_000L, 0L, 67_000L), (after.Plan, after.Version, after.Quota, after.Used, after.Remaining));
        Assert.Equal(July.UtcDateTime.AddDays(30), after.EndsAt);
        Assert.True((await App.VerifyAsync()).Clean);
    }

    [Fact]
    public async Task Downgrading_from_premium_v1_to_standard_v2_sets_the_new_base_and_keeps_what_was_used()
    {
        var user = await App.NewApiUserAsync();
        await user.BuyAsync("premium");
        App.Clock.MoveTo(July);
        await user.UsePlanTokensAsync(3_000);
        await Admin.ChangePlanAsync("standard", new { prices = Prices(("INR", 4_900)), monthly_tokens = 12_000, reason = "Standard gets more" });

        var payment = await user.BuyAsync("standard");
        var after = await user.SubscriptionAsync();

        Assert.Equal((4_900L, (int?)2), (payment.Amount, payment.PlanVersion));
        Assert.Equal(("standard", 2, 12_000L, 3_000L, 9_000L), (after.Plan, after.Version, after.Quota, after.Used, after.Remaining));
        Assert.True((await App.VerifyAsync()).Clean);
    }

    [Fact]
    public async Task Subscribers_who_will_move_are_told_seven_days_before_the_date_once_each()
    {
        var moving = await App.NewApiUserAsync();
        await moving.BuyAsync("standard");
        var premium = await App.NewApiUserAsync();
        await premium.BuyAsync("premium");
        var free = await App.NewApiUserAsync();
        await free.SubscriptionAsync();
        await Admin.ChangePlanAsync("premium", new { monthly_tokens = 60_000, reason = "Premium gets more" });
        await Admin.ChangePlanAsync("standard", new
        {
            prices = Prices(("INR", 4_900)), monthly_tokens = 12_000, grandfather = false,
            effective_at = new DateTimeOffset(2030, 6, 25, 0, 0, 0, TimeSpan.Zero), reason = "Model costs went up",
        });
        var newVersion = await App.NewApiUserAsync();
        await newVersion.BuyAsync("standard");

        App.Clock.MoveTo(new DateTimeOffset(2030, 6, 17, 12, 0, 0, TimeSpan.Zero));
        var early = await SendNoticesAsync();
        App.Clock.MoveTo(new DateTimeOffset(2030, 6, 18, 0, 0, 0, TimeSpan.Zero));
        var due = await SendNoticesAsync();
        var rerun = await SendNoticesAsync();

        Assert.Equal((0, 1, 0), (early, due, rerun));
        var notice = Assert.Single(await NoticesAsync(moving));
        Assert.Equal("Your Standard plan is changing", notice.Title);
        Assert.Contains("From 25 Jun 2030", notice.Body);
        Assert.Contains("₹49", notice.Body);
        Assert.Contains("12,000 tokens", notice.Body);
        Assert.Contains("Model costs went up", notice.Body);
        Assert.Empty(await NoticesAsync(premium));
        Assert.Empty(await NoticesAsync(free));
        Assert.Empty(await NoticesAsync(newVersion));
    }

    [Fact]
    public async Task Refunding_a_plan_bought_at_a_new_version_returns_the_buyer_to_basic()
    {
        await Admin.ChangePlanAsync("standard", new { prices = Prices(("INR", 4_900)), monthly_tokens = 12_000, reason = "Price rise" });
        var user = await App.NewApiUserAsync();
        var payment = await user.BuyAsync("standard");
        Assert.Equal((2, 12_000L + 1_000L), ((await user.SubscriptionAsync()).Version, (await user.SubscriptionAsync()).Quota));

        var refunded = await App.WithScopeAsync(s => s.GetRequiredService<Fulfillment>().RefundedAsync(payment.Id, "admin", CancellationToken.None));
        var after = await user.SubscriptionAsync();

        Assert.Equal(PaymentStatus.Refunded, refunded!.Status);
        Assert.Equal(("basic", 1, 1_000L, (DateTime?)null), (after.Plan, after.Version, after.Quota, after.EndsAt));
        Assert.True((await App.VerifyAsync()).Clean);
    }

    [Fact]
    public async Task A_hidden_plan_is_not_sold_to_newcomers_but_its_subscribers_still_renew()
    {
        var subscriber = await App.NewApiUserAsync();
        await subscriber.BuyAsync("premium");
        await Admin.ChangePlanAsync("premium", new { active = false, reason = "Retiring premium" });

        var renewal = await subscriber.BuyAsync("premium");
        var newcomer = await App.NewApiUserAsync();
        var refused = await newcomer.PostAsync("/api/v1/checkout", new { plan = "premium", gateway = "sandbox", idempotency_key = "hidden-1" });

        Assert.Equal((9_900L, (int?)1), (renewal.Amount, renewal.PlanVersion));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("unknown plan 'premium'", await refused.ErrorAsync());
    }

    [Fact]
    public async Task A_subscriber_on_a_smaller_old_version_still_pays_to_move_up_to_a_bigger_plan()
    {
        var user = await App.NewApiUserAsync();
        await user.BuyAsync("standard");
        // Standard's new version outgrows premium; this subscriber keeps 10,000 tokens a month.
        await Admin.ChangePlanAsync("standard", new { monthly_tokens = 60_000, prices = Prices(("INR", 14_900)), reason = "Standard for power users" });

        var free = await user.PostAsync("/api/tokens/set-plan", new { plan = "premium" });

        Assert.Equal(System.Net.HttpStatusCode.PaymentRequired, free.StatusCode);
        Assert.Equal("payment required", await free.ErrorAsync());
        var after = await user.SubscriptionAsync();
        Assert.Equal(("standard", 1, 11_000L), (after.Plan, after.Version, after.Quota));
    }

    private Task<int> SendNoticesAsync() => App.WithScopeAsync(s => s.GetRequiredService<PlanNotices>().SendDueAsync());

    private Task<List<TokenSaas.Notifications.Notification>> NoticesAsync(ApiUser user) => App.WithDbAsync(db => db.Notifications.AsNoTracking()
        .Where(n => n.UserId == user.UserId && n.Kind == PlanNotices.Kind).ToListAsync());
}

public sealed class PlanVersionTests_Sqlite : PlanVersionTests
{
    protected override TestDatabase NewDatabase() => new SqliteTestDatabase();
}

public sealed class PlanVersionTests_Postgres : PlanVersionTests
{
    protected override TestDatabase NewDatabase() => new PostgresTestDatabase();
}
