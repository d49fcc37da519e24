using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Identity;
using TokenSaas.Payments;
using TokenSaas.Payments.Razorpay;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Payments;

public sealed class RazorpaySignatureTests
{
    [Theory]
    [InlineData("EnLs21M47BllR3X8PSFtjtbd", "order_IEIaMR65cu6nz3", "pay_IH4NVgf4Dreq1l", "0d4e745a1838664ad6c9c9902212a32d627d68e917290b0ad5f08ff4561bc50f")]
    [InlineData("key_secret", "fake_order_id", "fake_payment_id", "b2335e3b0801106b84a7faff035df56ecffde06918c9ddd1f0fafbb37a51cc89")]
    public void The_payment_signature_matches_razorpay_s_vectors(string secret, string order, string payment, string signature)
    {
        Assert.Equal(signature, RazorpaySignature.Payment(order, payment, secret));
        Assert.True(RazorpaySignature.Matches(signature, RazorpaySignature.Payment(order, payment, secret)));
        Assert.False(RazorpaySignature.Matches(signature.Replace('0', '1'), RazorpaySignature.Payment(order, payment, secret)));
        Assert.False(RazorpaySignature.Matches("not-hex", RazorpaySignature.Payment(order, payment, secret)));
    }
}

public sealed class RazorpayTests(RazorpayApp app) : IClassFixture<RazorpayApp>
{
    [Fact]
    public async Task Create_order_answers_in_the_seed_s_shape_with_the_server_s_price()
    {
        var user = await app.NewApiUserAsync();

        var response = await user.PostAsync("/api/payments/create-order", new { plan = "standard", amount = 1 });

        using var json = await response.ReadJsonAsync();
        var root = json.RootElement;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("order_", root.GetProperty("order_id").GetString());
        Assert.Equal((2_900L, "INR", "standard", FakeRazorpay.KeyId), (root.GetProperty("amount").GetInt64(),
            root.GetProperty("currency").GetString(), root.GetProperty("plan").GetString(), root.GetProperty("key_id").GetString()));
        Assert.Equal(2_900, app.Razorpay.Order(root.GetProperty("order_id").GetString()!)["amount"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_verified_payment_is_credited_once_however_often_it_is_verified()
    {
        var user = await app.NewApiUserAsync();
        var order = await OrderAsync(user, new { pack = "inr_500" });
        var (paymentId, signature) = FakeRazorpay.Checkout(order);
        var verify = new { pack = "inr_500", razorpay_order_id = order, razorpay_payment_id = paymentId, razorpay_signature = signature };

        var first = await user.PostAsync("/api/payments/verify", verify);
        var again = await user.PostAsync("/api/payments/verify", verify);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("tokens-changed", first.Headers.GetValues("HX-Trigger").Single());
        Assert.Equal(510, await user.BalanceAsync());
    }

    [Fact]
    public async Task A_tampered_signature_or_someone_else_s_order_credits_nothing()
    {
        var user = await app.NewApiUserAsync();
        var thief = await app.NewApiUserAsync();
        var order = await OrderAsync(user, new { pack = "inr_1000" });
        var (paymentId, signature) = FakeRazorpay.Checkout(order);
        var (_, otherSignature) = FakeRazorpay.Checkout("order_other");

        var forged = await user.PostAsync("/api/payments/verify",
            new { pack = "inr_1000", razorpay_order_id = order, razorpay_payment_id = paymentId, razorpay_signature = otherSignature });
        var stolen = await thief.PostAsync("/api/payments/verify",
            new { pack = "inr_1000", razorpay_order_id = order, razorpay_payment_id = paymentId, razorpay_signature = signature });
        var empty = await user.PostAsync("/api/payments/verify", new { pack = "inr_1000" });

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("invalid signature", await forged.ErrorAsync());
        Assert.Equal(HttpStatusCode.NotFound, stolen.StatusCode);
        Assert.Equal("invalid body", await empty.ErrorAsync());
        Assert.Equal(10, await user.BalanceAsync());
        Assert.Equal(10, await thief.BalanceAsync());
    }

    [Fact]
    public async Task The_webhook_and_verify_racing_credit_once_and_a_duplicate_event_changes_nothing()
    {
        var user = await app.NewApiUserAsync();
        var order = await OrderAsync(user, new { pack = "inr_100" });
        var (paymentId, signature) = FakeRazorpay.Checkout(order);
        var captured = FakeRazorpay.Event("payment.captured", order, paymentId, 10_000);

        await Task.WhenAll(
            user.PostAsync("/api/payments/verify", new { pack = "inr_100", razorpay_order_id = order, razorpay_payment_id = paymentId, razorpay_signature = signature }),
            FakeRazorpay.DeliverAsync(app.CreateBrowser(), captured, "evt_same"),
            FakeRazorpay.DeliverAsync(app.CreateBrowser(), FakeRazorpay.Event("order.paid", order, paymentId, 10_000)));
        var duplicate = await FakeRazorpay.DeliverAsync(app.CreateBrowser(), captured, "evt_same");

        Assert.Contains("duplicate", await duplicate.Content.ReadAsStringAsync());
        Assert.Equal(110, await user.BalanceAsync());
    }

    [Fact]
    public async Task A_webhook_with_a_bad_signature_is_400_and_credits_nothing()
    {
        var user = await app.NewApiUserAsync();
        var order = await OrderAsync(user, new { pack = "inr_100" });

        var response = await FakeRazorpay.DeliverAsync(app.CreateBrowser(), FakeRazorpay.Event("payment.captured", order, "pay_x", 10_000),
            secret: FakeRazorpay.KeySecret);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(10, await user.BalanceAsync());
    }

    [Fact]
    public async Task A_failed_payment_and_a_processed_refund_are_recorded()
    {
        var user = await app.NewApiUserAsync();
        var failedOrder = await OrderAsync(user, new { pack = "inr_100" });
        var paidOrder = await OrderAsync(user, new { pack = "inr_500" });
        var (paymentId, signature) = FakeRazorpay.Checkout(paidOrder);
        await user.PostAsync("/api/payments/verify", new { pack = "inr_500", razorpay_order_id = paidOrder, razorpay_payment_id = paymentId, razorpay_signature = signature });

        await FakeRazorpay.DeliverAsync(app.CreateBrowser(), FakeRazorpay.Event("payment.failed", failedOrder, "pay_failed", 10_000));
        await FakeRazorpay.DeliverAsync(app.CreateBrowser(), FakeRazorpay.Event("refund.processed", paidOrder, paymentId, 50_000));

        var statuses = await app.WithDbAsync(db => db.Payments.Where(p => p.UserId == user.UserId)
            .ToDictionaryAsync(p => p.GatewayOrderId!, p => (p.Status, p.FailureReason)));
        Assert.Equal((PaymentStatus.Failed, "Payment was declined by the bank"), statuses[failedOrder]);
        Assert.Equal(PaymentStatus.Refunded, statuses[paidOrder].Status);
        Assert.Equal(10, await user.BalanceAsync());
    }

    [Fact]
    public async Task A_verified_plan_payment_moves_the_user_to_the_plan()
    {
        var user = await app.NewApiUserAsync();
        var order = await OrderAsync(user, new { plan = "standard" });
        var (paymentId, signature) = FakeRazorpay.Checkout(order);

        var response = await user.PostAsync("/api/payments/verify",
            new { plan = "standard", razorpay_order_id = order, razorpay_payment_id = paymentId, razorpay_signature = signature });

        using var json = await response.ReadJsonAsync();
        Assert.Equal(("success", "standard"), (json.RootElement.GetProperty("status").GetString(), json.RootElement.GetProperty("plan").GetString()));
        Assert.Equal(10_000, json.RootElement.GetProperty("token_quota").GetInt64());
    }

    [Fact]
    public async Task Unknown_plans_and_bad_bodies_get_the_seed_s_errors()
    {
        var user = await app.NewApiUserAsync();

        var plan = await user.PostAsync("/api/payments/create-order", new { plan = "platinum" });
        var body = await user.Client.PostAsync("/api/payments/create-order", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal("invalid plan", await plan.ErrorAsync());
        Assert.Equal("invalid body", await body.ErrorAsync());
    }

    [Fact]
    public async Task A_captured_payment_nobody_verified_is_settled_by_reconciliation()
    {
        var user = await app.NewApiUserAsync();
        var order = await OrderAsync(user, new { pack = "inr_1000" });
        app.Razorpay.Capture(order);

        app.Clock.Advance(TimeSpan.FromMinutes(11));
        await app.WithScopeAsync(s => Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Reconciliation>(s).RunAsync(CancellationToken.None));

        Assert.Equal(1_010, await user.BalanceAsync());
    }

    [Fact]
    public async Task The_buy_page_hands_the_order_to_razorpay_checkout_in_the_page()
    {
        var browser = await app.SignedUpAsync(Users.NewEmail());

        var response = await browser.SubmitFormAsync("/tokens/buy?handler=Confirm&pack=inr_500",
            new Dictionary<string, string> { ["gateway"] = "razorpay" }, "[data-testid=buy-modal] form");

        var status = (await response.ReadHtmlAsync()).QuerySelector("[data-razorpay]")!;
        using var order = System.Text.Json.JsonDocument.Parse(status.GetAttribute("data-razorpay")!);
        Assert.Equal(FakeRazorpay.KeyId, order.RootElement.GetProperty("key_id").GetString());
        Assert.Equal(50_000, order.RootElement.GetProperty("amount").GetInt64());
        Assert.Equal(50_000, app.Razorpay.Order(order.RootElement.GetProperty("order_id").GetString()!)["amount"]!.GetValue<long>());
    }

    private static async Task<string> OrderAsync(ApiUser user, object body)
    {
        var response = await user.PostAsync("/api/payments/create-order", body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        using var json = await response.ReadJsonAsync();
        return json.RootElement.GetProperty("order_id").GetString()!;
    }
}
