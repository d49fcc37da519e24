using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Ledger;
using TokenSaas.Payments;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Payments;

public sealed class StripeTests(StripeApp app) : IClassFixture<StripeApp>
{
    [Fact]
    public async Task Checkout_opens_a_stripe_session_priced_by_the_server()
    {
        var user = await app.NewApiUserAsync();

        var (paymentId, url) = await CheckoutAsync(user, "usd_pro");

        var form = app.Stripe.Created.Single(f => f["client_reference_id"] == paymentId);
        Assert.Equal(("payment", "usd", "2000", "1"), (form["mode"], form["line_items[0][price_data][currency]"],
            form["line_items[0][price_data][unit_amount]"], form["line_items[0][quantity]"]));
        Assert.Equal(paymentId, form["metadata[payment_id]"]);
        Assert.StartsWith(app.Stripe.BaseUrl + "/pay/cs_test_", url);
    }

    [Fact]
    public async Task The_return_page_and_the_webhook_racing_credit_the_purchase_once()
    {
        var (browser, userId) = await SignedUpAsync();
        var payment = await StartInBrowserAsync(browser, "usd_pro");
        var session = app.Stripe.Pay(payment.GatewayOrderId!);

        var results = await Task.WhenAll(
            browser.GetAsync($"/checkout/stripe/return?session_id={payment.GatewayOrderId}"),
            Deliver(FakeStripe.Event("checkout.session.completed", session)),
            Deliver(FakeStripe.Event("payment_intent.succeeded",
                new JsonObject { ["id"] = session["payment_intent"]!.GetValue<string>(), ["metadata"] = new JsonObject { ["payment_id"] = payment.Id } })));

        Assert.Equal($"/tokens/buy?payment={payment.Id}", results[0].Location());
        Assert.All(results.Skip(1), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(610, await BalanceAsync(userId));
        Assert.Equal(PaymentStatus.Succeeded, (await PaymentAsync(payment.Id)).Status);
    }

    [Fact]
    public async Task A_duplicate_event_is_acknowledged_and_changes_nothing()
    {
        var (browser, userId) = await SignedUpAsync();
        var payment = await StartInBrowserAsync(browser, "usd_starter");
        var body = FakeStripe.Event("checkout.session.completed", app.Stripe.Pay(payment.GatewayOrderId!));

        var first = await Deliver(body);
        var second = await Deliver(body);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("duplicate", await second.Content.ReadAsStringAsync());
        Assert.Equal(130, await BalanceAsync(userId));
        Assert.Equal(1, await app.WithDbAsync(db => db.PaymentEvents.CountAsync(e => e.PaymentId == payment.Id && e.Type == "checkout.session.completed")));
    }

    [Fact]
    public async Task A_failure_arriving_after_the_success_does_not_undo_it()
    {
        var (browser, userId) = await SignedUpAsync();
        var payment = await StartInBrowserAsync(browser, "usd_starter");
        var session = app.Stripe.Pay(payment.GatewayOrderId!);

        await Deliver(FakeStripe.Event("checkout.session.completed", session));
        await Deliver(FakeStripe.Event("payment_intent.payment_failed", new JsonObject
        {
            ["id"] = "pi_old", ["metadata"] = new JsonObject { ["payment_id"] = payment.Id },
            ["last_payment_error"] = new JsonObject { ["message"] = "Your card was declined." },
        }));

        Assert.Equal(PaymentStatus.Succeeded, (await PaymentAsync(payment.Id)).Status);
        Assert.Equal(130, await BalanceAsync(userId));
    }

    [Fact]
    public async Task A_bad_signature_or_a_stale_timestamp_is_400_and_credits_nothing()
    {
        var (browser, userId) = await SignedUpAsync();
        var payment = await StartInBrowserAsync(browser, "usd_starter");
        var body = FakeStripe.Event("checkout.session.completed", app.Stripe.Pay(payment.GatewayOrderId!));

        var forged = await Deliver(body, secret: "whsec_guess");
        var stale = await Deliver(body, at: app.Clock.GetUtcNow().AddMinutes(-6));
        var unsigned = await app.CreateBrowser().PostAsync("/api/stripe/webhooks", new StringContent(body));

        Assert.All([forged, stale, unsigned], r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Equal(10, await BalanceAsync(userId));
        Assert.Equal(PaymentStatus.Pending, (await PaymentAsync(payment.Id)).Status);
    }

    [Fact]
    public async Task Unknown_event_types_are_acknowledged_and_ignored()
    {
        var response = await Deliver(FakeStripe.Event("customer.created", new JsonObject { ["id"] = "cus_1" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_cancelled_checkout_fails_the_payment_and_an_expired_session_too()
    {
        var (browser, userId) = await SignedUpAsync();
        var cancelled = await StartInBrowserAsync(browser, "usd_starter");
        var expired = await StartInBrowserAsync(browser, "usd_basic");

        await browser.GetAsync($"/checkout/stripe/cancel?payment={cancelled.Id}");
        await Deliver(FakeStripe.Event("checkout.session.expired", app.Stripe.Session(expired.GatewayOrderId!)));

        Assert.Equal(PaymentStatus.Failed, (await PaymentAsync(cancelled.Id)).Status);
        Assert.Equal(PaymentStatus.Failed, (await PaymentAsync(expired.Id)).Status);
        Assert.Equal(10, await BalanceAsync(userId));
    }

    [Fact]
    public async Task A_charge_refunded_event_takes_the_tokens_back()
    {
        var (browser, userId) = await SignedUpAsync();
        var payment = await StartInBrowserAsync(browser, "usd_starter");
        var session = app.Stripe.Pay(payment.GatewayOrderId!);
        await Deliver(FakeStripe.Event("checkout.session.completed", session));

        // Stripe delivers at least once: the same event twice.
        for (var delivery = 0; delivery < 2; delivery++)
        {
            await Deliver(FakeStripe.Event("charge.refunded",
                new JsonObject { ["id"] = "ch_1", ["payment_intent"] = session["payment_intent"]!.GetValue<string>() }));
        }

        Assert.Equal(PaymentStatus.Refunded, (await PaymentAsync(payment.Id)).Status);
        Assert.Equal(10, await BalanceAsync(userId));
        Assert.Equal(["Your purchase was refunded"], await RefundNoticesAsync(userId));
        Assert.True((await app.VerifyAsync()).Clean);
    }

    private Task<List<string>> RefundNoticesAsync(string userId) =>
        app.WithDbAsync(db => db.Notifications.Where(n => n.UserId == userId && n.Kind == "refund").Select(n => n.Title).ToListAsync());

    [Fact]
    public async Task An_admin_refund_goes_through_stripe_and_takes_the_tokens_back_once()
    {
        var (browser, userId) = await SignedUpAsync();
        var payment = await StartInBrowserAsync(browser, "usd_starter");
        var session = app.Stripe.Pay(payment.GatewayOrderId!);
        await Deliver(FakeStripe.Event("checkout.session.completed", session));
        var admin = await app.NewApiUserAsync(TokenSaas.Identity.Roles.Admin);
        var user = await app.NewApiUserAsync();

        var refused = await user.PostAsync($"/api/admin/payments/{payment.Id}/refund", new { reason = "customer asked" });
        var refund = await admin.PostAsync($"/api/admin/payments/{payment.Id}/refund", new { reason = "customer asked" });
        var again = await admin.PostAsync($"/api/admin/payments/{payment.Id}/refund", new { reason = "customer asked" });
        await Deliver(FakeStripe.Event("charge.refunded", new JsonObject { ["id"] = "ch_2", ["payment_intent"] = session["payment_intent"]!.GetValue<string>() }));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refund.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains(session["payment_intent"]!.GetValue<string>(), app.Stripe.Refunded);
        Assert.Equal(10, await BalanceAsync(userId));
        Assert.Single(await RefundNoticesAsync(userId));
        Assert.True((await app.VerifyAsync()).Clean);
    }

    [Fact]
    public async Task A_payment_whose_webhook_never_came_is_settled_by_reconciliation()
    {
        var (browser, userId) = await SignedUpAsync();
        var payment = await StartInBrowserAsync(browser, "usd_pro");
        app.Stripe.Pay(payment.GatewayOrderId!);

        var tooEarly = await ReconcileAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(11));
        await ReconcileAsync();

        Assert.Equal(0, tooEarly.Settled);
        Assert.Equal(610, await BalanceAsync(userId));
        Assert.Equal(PaymentStatus.Succeeded, (await PaymentAsync(payment.Id)).Status);
    }

    // Signed as Stripe would sign it now, by the app's clock (tests here move it).
    private Task<HttpResponseMessage> Deliver(string body, DateTimeOffset? at = null, string secret = FakeStripe.WebhookSecret) =>
        FakeStripe.DeliverAsync(app.CreateBrowser(), body, at ?? app.Clock.GetUtcNow(), secret);

    private Task<(int Checked, int Settled)> ReconcileAsync() =>
        app.WithScopeAsync(s => s.GetRequiredService<Reconciliation>().RunAsync(CancellationToken.None));

    private async Task<(string PaymentId, string Url)> CheckoutAsync(ApiUser user, string pack)
    {
        var response = await user.PostAsync("/api/v1/checkout", new { pack, gateway = "stripe", idempotency_key = Guid.NewGuid().ToString("N") });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        using var json = await response.ReadJsonAsync();
        return (json.RootElement.GetProperty("payment_id").GetString()!, json.RootElement.GetProperty("redirect_url").GetString()!);
    }

    private async Task<(HttpClient Browser, string UserId)> SignedUpAsync()
    {
        var email = Users.NewEmail();
        var browser = await app.SignedUpAsync(email);
        return (browser, await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync()));
    }

    private async Task<Payment> StartInBrowserAsync(HttpClient browser, string pack)
    {
        var response = await browser.SubmitFormAsync($"/tokens/buy?handler=Confirm&pack={pack}",
            new Dictionary<string, string> { ["gateway"] = "stripe" }, "[data-testid=buy-modal] form");
        Assert.StartsWith(app.Stripe.BaseUrl, response.Location());
        var sessionId = response.Location()!.Split('/').Last();
        return await app.WithDbAsync(db => db.Payments.AsNoTracking().SingleAsync(p => p.GatewayOrderId == sessionId));
    }

    private Task<long> BalanceAsync(string userId) =>
        app.WithScopeAsync(async s => (await s.GetRequiredService<LedgerService>().GetBalanceAsync(userId)).Total);

    private Task<Payment> PaymentAsync(string id) => app.WithDbAsync(db => db.Payments.AsNoTracking().SingleAsync(p => p.Id == id));
}
