using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Ledger;
using TokenSaas.Payments;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Layout;

/// <summary>Issue 14: a checkout left open (the gateway's tab closed) can be resumed or cancelled, and a late success still counts once.</summary>
public abstract class AbandonedCheckoutTests(TestApp app)
{
    [Fact]
    public async Task An_open_checkout_offers_to_resume_it_at_the_gateway_or_cancel_it()
    {
        var (client, _) = await SignedUpAsync();
        var payment = await StartAsync(client, "inr_500");

        var page = await client.GetHtmlAsync($"/tokens/buy?payment={payment}");

        Assert.Equal("pending", page.QuerySelector("[data-testid=payment-result]")!.GetAttribute("data-status"));
        Assert.Equal($"/checkout/sandbox/{payment}", page.QuerySelector("[data-testid=resume-payment]")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("[data-testid=cancel-payment]"));
    }

    [Fact]
    public async Task Cancelling_marks_it_failed_says_so_and_a_second_cancel_changes_nothing()
    {
        var (client, userId) = await SignedUpAsync();
        var payment = await StartAsync(client, "inr_500");

        var cancelled = await CancelAsync(client, payment);
        var again = await PostCancelAsync(client, payment);
        var page = await client.GetHtmlAsync(cancelled.Location()!);

        Assert.Equal($"/tokens/buy?payment={payment}", cancelled.Location());
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("failed", page.QuerySelector("[data-testid=payment-result]")!.GetAttribute("data-status"));
        Assert.Contains("You cancelled this checkout. Nothing was charged", page.QuerySelector("[data-testid=payment-result]")!.TextContent);
        Assert.Null(page.QuerySelector("[data-testid=open-checkout]"));
        Assert.Equal((PaymentStatus.Failed, AbandonedCheckouts.CancelledReason), await StatusAsync(payment));
        Assert.Equal(10, await BalanceAsync(userId));
    }

    [Fact]
    public async Task Nobody_else_can_cancel_your_checkout()
    {
        var (owner, _) = await SignedUpAsync();
        var (stranger, _) = await SignedUpAsync();
        var payment = await StartAsync(owner, "inr_100");

        var refused = await PostCancelAsync(stranger, payment);

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(PaymentStatus.Pending, (await StatusAsync(payment)).Status);
    }

    [Fact]
    public async Task A_success_reported_after_a_cancel_still_credits_exactly_once()
    {
        var (client, userId) = await SignedUpAsync();
        var payment = await StartAsync(client, "inr_500");
        await CancelAsync(client, payment);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => app.WithScopeAsync(s =>
            s.GetRequiredService<Fulfillment>().PaidAsync(payment, "gw-late", $"late webhook {i}", CancellationToken.None))));
        await PostCancelAsync(client, payment);

        Assert.Equal(PaymentStatus.Succeeded, (await StatusAsync(payment)).Status);
        Assert.Equal(510, await BalanceAsync(userId));
        Assert.True((await app.VerifyAsync()).Clean);
        Assert.Contains("500 tokens were added", (await client.GetHtmlAsync($"/tokens/buy?payment={payment}"))
            .QuerySelector("[data-testid=payment-result]")!.TextContent);
    }

    [Fact]
    public async Task A_checkout_older_than_the_gateway_keeps_it_cannot_be_resumed_but_can_be_cancelled()
    {
        var (client, _) = await SignedUpAsync();
        var payment = await StartAsync(client, "inr_100");
        await app.WithDbAsync(db => db.Payments.Where(p => p.Id == payment)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.CreatedAt, p => p.CreatedAt.AddDays(-2))));

        var page = await client.GetHtmlAsync($"/tokens/buy?payment={payment}");

        Assert.Null(page.QuerySelector("[data-testid=resume-payment]"));
        Assert.Contains("cannot be resumed", page.QuerySelector("[data-testid=open-checkout]")!.TextContent);
        Assert.NotNull(page.QuerySelector("[data-testid=cancel-payment]"));
    }

    private async Task<(HttpClient Client, string UserId)> SignedUpAsync()
    {
        var email = Users.NewEmail();
        var client = await app.SignedUpAsync(email);
        return (client, await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync()));
    }

    private static async Task<string> StartAsync(HttpClient client, string pack)
    {
        var checkout = await client.SubmitFormAsync($"/tokens/buy?handler=Confirm&pack={pack}", new Dictionary<string, string>(),
            "[data-testid=buy-modal] form");
        return checkout.Location()!.Split('/').Last();
    }

    /// <summary>Presses Cancel on the open checkout's notice.</summary>
    private static Task<HttpResponseMessage> CancelAsync(HttpClient client, string payment) =>
        client.SubmitFormAsync($"/tokens/buy?payment={payment}", new Dictionary<string, string>(), "[data-testid=open-checkout] form");

    /// <summary>Posts a cancel directly: a second tab, or a form left on screen after the payment settled.</summary>
    private static async Task<HttpResponseMessage> PostCancelAsync(HttpClient client, string payment)
    {
        var token = (await client.GetHtmlAsync("/tokens/buy")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await client.PostAsync($"/tokens/buy?handler=Cancel&payment={payment}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
    }

    private async Task<(PaymentStatus Status, string? Reason)> StatusAsync(string id)
    {
        var payment = await app.WithDbAsync(db => db.Payments.AsNoTracking().SingleAsync(p => p.Id == id));
        return (payment.Status, payment.FailureReason);
    }

    private Task<long> BalanceAsync(string userId) =>
        app.WithScopeAsync(async s => (await s.GetRequiredService<LedgerService>().GetBalanceAsync(userId)).Total);
}

public sealed class AbandonedCheckoutTests_Sqlite(SqliteApp app) : AbandonedCheckoutTests(app), IClassFixture<SqliteApp>;

public sealed class AbandonedCheckoutTests_Postgres(PostgresApp app) : AbandonedCheckoutTests(app), IClassFixture<PostgresApp>;
