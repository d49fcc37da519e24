using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Ledger;
using TokenSaas.Payments;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Payments;

public abstract class SandboxPaymentTests(TestApp app)
{
    [Fact]
    public async Task Buying_a_pack_in_the_sandbox_credits_it_once_and_says_so()
    {
        var (client, _) = await SignedUpAsync();

        var paid = await BuyAsync(client, "inr_500", "[data-testid=sandbox-pay]");
        var result = (await client.GetHtmlAsync(paid.Location()!)).QuerySelector("[data-testid=payment-result]")!;

        Assert.Equal("succeeded", result.GetAttribute("data-status"));
        Assert.Contains("500 tokens were added", result.TextContent);
        Assert.Equal("510", await client.NavbarBalanceAsync());
        Assert.True((await app.VerifyAsync()).Clean);
        var purchase = (await client.GetHtmlAsync("/history")).QuerySelector("[data-testid=purchases] tbody tr")!.TextContent;
        Assert.Contains("500 tokens", purchase);
        Assert.Contains("succeeded", purchase);
        Assert.Contains("500 tokens · ₹500", (await client.GetHtmlAsync("/dashboard")).QuerySelector("[data-testid=dashboard-purchases]")!.TextContent);
    }

    [Fact]
    public async Task Reports_of_one_payment_arriving_together_credit_it_once()
    {
        var (client, userId) = await SignedUpAsync();
        var payment = await StartAsync(client, "inr_1000");

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => app.WithScopeAsync(s =>
            s.GetRequiredService<Fulfillment>().PaidAsync(payment, $"gw-{i % 3}", $"report {i}", CancellationToken.None))));

        Assert.Equal(1_010, await BalanceAsync(userId));
        Assert.Equal(PaymentStatus.Succeeded, (await PaymentAsync(payment)).Status);
    }

    [Fact]
    public async Task A_failed_payment_credits_nothing_and_says_why()
    {
        var (client, userId) = await SignedUpAsync();

        var failed = await BuyAsync(client, "inr_100", "[data-testid=sandbox-fail]");
        var result = (await client.GetHtmlAsync(failed.Location()!)).QuerySelector("[data-testid=payment-result]")!;

        Assert.Equal("failed", result.GetAttribute("data-status"));
        Assert.Contains("No tokens were added", result.TextContent);
        Assert.Equal(10, await BalanceAsync(userId));
    }

    [Fact]
    public async Task A_late_failure_report_does_not_undo_a_success()
    {
        var (client, userId) = await SignedUpAsync();
        var payment = await StartAsync(client, "inr_100");

        await app.WithScopeAsync(s => s.GetRequiredService<Fulfillment>().PaidAsync(payment, "gw", "webhook", CancellationToken.None));
        await app.WithScopeAsync(s => s.GetRequiredService<Fulfillment>().FailedAsync(payment, "stale", "late webhook", CancellationToken.None));

        Assert.Equal(PaymentStatus.Succeeded, (await PaymentAsync(payment)).Status);
        Assert.Equal(110, await BalanceAsync(userId));
    }

    [Fact]
    public async Task The_server_sets_the_price_whatever_the_browser_sends()
    {
        var (client, _) = await SignedUpAsync();
        var confirm = await client.GetHtmlAsync("/tokens/buy?handler=Confirm&pack=inr_5000");
        var token = confirm.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var tampered = await client.PostAsync("/tokens/buy?handler=Checkout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["pack"] = "inr_5000", ["gateway"] = "sandbox", ["key"] = Guid.NewGuid().ToString("N"), ["amount"] = "1", ["tokens"] = "999999",
            ["__RequestVerificationToken"] = token,
        }));
        var unknown = await client.PostAsync("/tokens/buy?handler=Checkout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["pack"] = "inr_free", ["gateway"] = "sandbox", ["key"] = Guid.NewGuid().ToString("N"), ["__RequestVerificationToken"] = token,
        }));

        var payment = await PaymentAsync(tampered.Location()!.Split('/').Last());
        Assert.Equal((500_000L, 5_000L, 500L), (payment.Amount, payment.Tokens, payment.BonusTokens));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("unknown pack 'inr_free'", (await unknown.ReadHtmlAsync()).QuerySelector("[data-testid=buy-error]")!.TextContent);
    }

    [Fact]
    public async Task A_refund_takes_back_what_is_left_and_records_what_was_spent()
    {
        var (client, userId) = await SignedUpAsync();
        var payment = await StartAsync(client, "inr_500");
        await app.WithScopeAsync(s => s.GetRequiredService<Fulfillment>().PaidAsync(payment, "gw", "test", CancellationToken.None));
        await app.WithScopeAsync(s => s.GetRequiredService<LedgerService>().SpendAsync(userId, "create_website", 210, "spend-most"));

        var refunded = await app.WithScopeAsync(s => s.GetRequiredService<Fulfillment>().RefundedAsync(payment, "admin", CancellationToken.None));

        Assert.Equal((PaymentStatus.Refunded, 200L), (refunded!.Status, refunded.RefundShortfall));
        Assert.Equal(0, await BalanceAsync(userId));
        Assert.True((await app.VerifyAsync()).Clean);
    }

    [Fact]
    public async Task The_api_lists_packs_starts_a_checkout_and_shows_only_your_own_payments()
    {
        var user = await app.NewApiUserAsync();
        var other = await app.NewApiUserAsync();

        using var packs = await user.Client.GetJsonAsync("/api/v1/packs");
        var started = await user.PostAsync("/api/v1/checkout", new { pack = "usd_max", gateway = "sandbox", idempotency_key = "c-1" });
        var again = await user.PostAsync("/api/v1/checkout", new { pack = "usd_max", gateway = "sandbox", idempotency_key = "c-1" });
        using var startedJson = await started.ReadJsonAsync();
        using var againJson = await again.ReadJsonAsync();
        var id = startedJson.RootElement.GetProperty("payment_id").GetString();

        var max = packs.RootElement.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("key").GetString() == "usd_max");
        Assert.Equal((1_600L, 160L, 5_000L), (max.GetProperty("tokens").GetInt64(), max.GetProperty("bonus_tokens").GetInt64(), max.GetProperty("amount").GetInt64()));
        Assert.Equal($"/checkout/sandbox/{id}", startedJson.RootElement.GetProperty("redirect_url").GetString());
        Assert.Equal(id, againJson.RootElement.GetProperty("payment_id").GetString());
        Assert.Equal(HttpStatusCode.OK, (await user.Client.GetAsync($"/api/v1/payments/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/api/v1/payments/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await user.PostAsync("/api/v1/checkout", new { pack = "nope", gateway = "sandbox", idempotency_key = "c-2" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await user.PostAsync("/api/v1/checkout", new { pack = "usd_max", gateway = "paypal", idempotency_key = "c-3" })).StatusCode);
    }

    private async Task<(HttpClient Client, string UserId)> SignedUpAsync()
    {
        var email = Users.NewEmail();
        var client = await app.SignedUpAsync(email);
        return (client, await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync()));
    }

    private static async Task<HttpResponseMessage> BuyAsync(HttpClient client, string pack, string button)
    {
        var checkout = await client.SubmitFormAsync($"/tokens/buy?handler=Confirm&pack={pack}", new Dictionary<string, string>(),
            "[data-testid=buy-modal] form");
        Assert.StartsWith("/checkout/sandbox/", checkout.Location());
        return await client.SubmitFormAsync(checkout.Location()!, new Dictionary<string, string>(), "main form", button);
    }

    private static async Task<string> StartAsync(HttpClient client, string pack)
    {
        var checkout = await client.SubmitFormAsync($"/tokens/buy?handler=Confirm&pack={pack}", new Dictionary<string, string>(),
            "[data-testid=buy-modal] form");
        return checkout.Location()!.Split('/').Last();
    }

    private Task<long> BalanceAsync(string userId) =>
        app.WithScopeAsync(async s => (await s.GetRequiredService<LedgerService>().GetBalanceAsync(userId)).Total);

    private Task<Payment> PaymentAsync(string id) => app.WithDbAsync(db => db.Payments.AsNoTracking().SingleAsync(p => p.Id == id));
}

public sealed class SandboxPaymentTests_Sqlite(SqliteApp app) : SandboxPaymentTests(app), IClassFixture<SqliteApp>;

public sealed class SandboxPaymentTests_Postgres(PostgresApp app) : SandboxPaymentTests(app), IClassFixture<PostgresApp>;
