using System.Net;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Payments;
using TokenSaas.Promotions;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Promotions;

/// <summary>The app with Stripe, Razorpay and PayU all enabled, Stripe and Razorpay pointed at their fakes.</summary>
public abstract class PromoGatewayApp(TestDatabase database) : TestApp(database)
{
    public const string PayUKey = "payu_promo_key";
    public const string PayUSalt = "payu_promo_salt";

    public FakeStripe Stripe { get; } = new();

    public FakeRazorpay Razorpay { get; } = new();

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Payments:Stripe:SecretKey"] = FakeStripe.SecretKey,
        ["Payments:Stripe:WebhookSecret"] = FakeStripe.WebhookSecret,
        ["Payments:Stripe:BaseUrl"] = Stripe.BaseUrl,
        ["Payments:Razorpay:KeyId"] = FakeRazorpay.KeyId,
        ["Payments:Razorpay:KeySecret"] = FakeRazorpay.KeySecret,
        ["Payments:Razorpay:WebhookSecret"] = FakeRazorpay.WebhookSecret,
        ["Payments:Razorpay:BaseUrl"] = Razorpay.BaseUrl,
        ["Payments:PayU:Key"] = PayUKey,
        ["Payments:PayU:Salt"] = PayUSalt,
        ["Payments:PayU:BaseUrl"] = "https://test.payu.example",
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Stripe.DisposeAsync();
        await Razorpay.DisposeAsync();
    }
}

public sealed class PromoGatewaySqliteApp() : PromoGatewayApp(new SqliteTestDatabase());

public sealed class PromoGatewayPostgresApp() : PromoGatewayApp(new PostgresTestDatabase());

public abstract class PromotionGatewayTests(PromoGatewayApp app)
{
    [Fact]
    public async Task Stripe_is_asked_for_the_discounted_amount_and_duplicate_webhooks_count_the_use_once()
    {
        var (code, promotion) = await QuarterOffAsync();
        var user = await app.NewApiUserAsync();

        var bought = await user.BuyAsync(code, "usd_pro", "stripe");
        var payment = await app.PaymentAsync(bought.PaymentId!);
        var form = app.Stripe.Created.Single(f => f["client_reference_id"] == payment.Id);
        var completed = FakeStripe.Event("checkout.session.completed", app.Stripe.Pay(payment.GatewayOrderId!));
        var deliveries = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => FakeStripe.DeliverAsync(app.CreateBrowser(), completed, app.Clock.GetUtcNow())));
        var late = await FakeStripe.DeliverAsync(app.CreateBrowser(), completed, app.Clock.GetUtcNow());

        Assert.Equal(("1500", "usd"), (form["line_items[0][price_data][unit_amount]"], form["line_items[0][price_data][currency]"]));
        Assert.All(deliveries.Append(late), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await AssertCountedOnceAsync(user, payment.Id, promotion.Id, 500L);
    }

    [Fact]
    public async Task Razorpay_orders_the_discounted_amount_and_duplicate_webhooks_count_the_use_once()
    {
        var (code, promotion) = await QuarterOffAsync();
        var user = await app.NewApiUserAsync();

        var bought = await user.BuyAsync(code, "inr_500", "razorpay");
        var orderId = bought.Body.GetProperty("order").GetProperty("order_id").GetString()!;
        var paymentId = "pay_" + Guid.NewGuid().ToString("N")[..14];
        var captured = FakeRazorpay.Event("payment.captured", orderId, paymentId, 37_500);
        await Task.WhenAll(
            FakeRazorpay.DeliverAsync(app.CreateBrowser(), captured, "evt_promo_same"),
            FakeRazorpay.DeliverAsync(app.CreateBrowser(), captured, "evt_promo_same"),
            FakeRazorpay.DeliverAsync(app.CreateBrowser(), FakeRazorpay.Event("order.paid", orderId, paymentId, 37_500)));

        Assert.Equal(37_500, bought.Body.GetProperty("order").GetProperty("amount").GetInt64());
        Assert.Equal(37_500, app.Razorpay.Order(orderId)["amount"]!.GetValue<long>());
        await AssertCountedOnceAsync(user, bought.PaymentId!, promotion.Id, 12_500L);
    }

    [Fact]
    public async Task PayU_s_form_carries_the_discounted_amount_and_a_repeated_return_counts_the_use_once()
    {
        var (code, promotion) = await QuarterOffAsync();
        var user = await app.NewApiUserAsync();
        var browser = app.CreateBrowser();
        await browser.LogInAsync(user.Email);

        var bought = await user.BuyAsync(code, "inr_500", "payu");
        var page = await browser.GetHtmlAsync(bought.Body.GetProperty("redirect_url").GetString()!);
        var form = page.QuerySelector("form#payu")!.QuerySelectorAll("input[type=hidden]")
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value")!);
        var fields = new TokenSaas.Payments.PayU.PayUFields(PromoGatewayApp.PayUKey, form["txnid"], form["amount"], form["productinfo"],
            form["firstname"], form["email"], Udf1: form["udf1"]);
        var success = new Dictionary<string, string>
        {
            ["mihpayid"] = "403993715529999999", ["status"] = "success", ["txnid"] = fields.TxnId, ["amount"] = fields.Amount,
            ["productinfo"] = fields.ProductInfo, ["firstname"] = fields.FirstName, ["email"] = fields.Email, ["udf1"] = fields.Udf1,
            ["key"] = fields.Key, ["hash"] = TokenSaas.Payments.PayU.PayUHash.Response(fields, "success", PromoGatewayApp.PayUSalt),
        };
        var first = await app.CreateBrowser().PostAsync("/checkout/payu/return", new FormUrlEncodedContent(success));
        var replay = await app.CreateBrowser().PostAsync("/checkout/payu/return", new FormUrlEncodedContent(success));

        Assert.Equal("375.00", form["amount"]);
        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (first.StatusCode, replay.StatusCode));
        await AssertCountedOnceAsync(user, bought.PaymentId!, promotion.Id, 12_500L);
    }

    [Fact]
    public async Task A_whole_price_taken_off_is_never_sent_to_the_gateway()
    {
        var code = Promos.NewCode("ALLOFF");
        var promotion = await app.CreatePromotionAsync(code, PromotionType.AmountOff, 2_000, p => p.Currency = "USD");
        var user = await app.NewApiUserAsync();

        var bought = await user.BuyAsync(code, "usd_pro", "stripe");

        Assert.True(bought.Started, bought.Error);
        Assert.DoesNotContain(app.Stripe.Created, f => f["client_reference_id"] == bought.PaymentId);
        var payment = await app.PaymentAsync(bought.PaymentId!);
        Assert.Equal((PaymentStatus.Succeeded, 0L, "stripe"), (payment.Status, payment.Amount, payment.Gateway));
        Assert.Equal(10 + payment.TotalTokens, await user.BalanceAsync());
        Assert.Equal(RedemptionStatus.Counted, Assert.Single(await app.RedemptionsAsync(promotion.Id)).Status);
    }

    [Fact]
    public async Task A_gateway_refusing_the_discounted_amount_gives_the_use_back_and_records_no_payment()
    {
        var code = Promos.NewCode("TINY");
        var promotion = await app.CreatePromotionAsync(code, PromotionType.AmountOff, 9_950, p => (p.Currency, p.MaxRedemptions) = ("INR", 1));
        var user = await app.NewApiUserAsync();

        var bought = await user.BuyAsync(code, "inr_100", "razorpay");

        Assert.Equal(HttpStatusCode.BadGateway, bought.Status);
        Assert.Contains("nothing was charged", bought.Error);
        Assert.Empty(await app.PaymentsOfAsync(user.UserId));
        Assert.Equal((0, 0, 0L, 0L), (await app.PromotionAsync(promotion.Id)).Counters());
        Assert.Equal(RedemptionStatus.Freed, Assert.Single(await app.RedemptionsAsync(promotion.Id)).Status);
        Assert.True((await user.QuoteAsync(code, "inr_100")).Valid);
    }

    private async Task AssertCountedOnceAsync(ApiUser user, string paymentId, long promotionId, long discount)
    {
        var payment = await app.PaymentAsync(paymentId);
        Assert.Equal((PaymentStatus.Succeeded, discount, payment.ListAmount - discount), (payment.Status, payment.Discount, payment.Amount));
        Assert.Equal(10 + payment.TotalTokens, await user.BalanceAsync());
        Assert.Equal(1, await app.WithDbAsync(db => db.LedgerEntries.CountAsync(e => e.IdempotencyKey == payment.LedgerKey)));
        var redemption = Assert.Single(await app.RedemptionsAsync(promotionId));
        Assert.Equal((RedemptionStatus.Counted, paymentId), (redemption.Status, redemption.PaymentId));
        Assert.Equal((0, 1, 0L, discount), (await app.PromotionAsync(promotionId)).Counters());
    }

    private async Task<(string Code, Promotion Promotion)> QuarterOffAsync()
    {
        var code = Promos.NewCode("GW");
        return (code, await app.CreatePromotionAsync(code, PromotionType.PercentOff, 25));
    }
}

public sealed class PromotionGatewayTests_Sqlite(PromoGatewaySqliteApp app) : PromotionGatewayTests(app), IClassFixture<PromoGatewaySqliteApp>;

public sealed class PromotionGatewayTests_Postgres(PromoGatewayPostgresApp app) : PromotionGatewayTests(app), IClassFixture<PromoGatewayPostgresApp>;
