using System.Net;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Promotions;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Promotions;

public abstract class CheckoutCodeTests(TestApp app)
{
    [Fact]
    public async Task A_quarter_off_code_shows_the_list_and_final_price_and_the_pay_button_asks_for_the_final_price()
    {
        var code = Promos.NewCode("DIWALI");
        await app.CreatePromotionAsync(code, PromotionType.PercentOff, 25, p => p.Currency = "INR");
        var (client, _) = await app.BuyerAsync();

        var modal = await client.GetHtmlAsync("/tokens/buy?handler=Confirm&pack=inr_500&currency=INR");
        var live = await client.QuotePackAsync("inr_500", "INR", code.ToLowerInvariant());
        var applied = await (await client.SubmitFormAsync("/tokens/buy?handler=Confirm&pack=inr_500&currency=INR",
            new Dictionary<string, string> { ["promo_code"] = code }, "[data-testid=buy-modal] form", "[data-testid=promo-apply]")).ReadHtmlAsync();

        Assert.Equal("Pay ₹500", modal.Text("[data-testid=buy-confirm]"));
        Assert.Equal("₹500", live.Text("[data-testid=promo-list-price]"));
        Assert.Equal("₹375", live.Text("[data-testid=promo-final-price]"));
        Assert.Contains("you save ₹125", live.Text("[data-testid=promo-price]"));
        var payAmount = live.QuerySelector("[hx-swap-oob]")!;
        Assert.Equal(("innerHTML:[data-pay-amount='buy']", "₹375"), (payAmount.GetAttribute("hx-swap-oob"), payAmount.TextContent));
        Assert.NotNull(modal.QuerySelector("[data-testid=buy-confirm] [data-pay-amount=buy]"));
        Assert.Equal("Pay ₹375", applied.Text("[data-testid=buy-confirm]"));
        Assert.Equal(code, applied.QuerySelector("[data-testid=promo-code]")!.GetAttribute("value"));
        Assert.Equal("₹375", applied.Text("[data-testid=promo-final-price]"));
    }

    [Fact]
    public async Task A_code_that_does_not_apply_says_why_and_the_price_stays()
    {
        var usd = Promos.NewCode("USD");
        await app.CreatePromotionAsync(usd, PromotionType.AmountOff, 100, p => p.Currency = "USD");
        var (client, _) = await app.BuyerAsync();

        var unknown = await client.QuotePackAsync("inr_500", "INR", "NOSUCHCODE1");
        var otherCurrency = await client.QuotePackAsync("inr_500", "INR", usd);

        Assert.Equal("There is no code NOSUCHCODE1. Check how it is spelled.", unknown.Text("[data-testid=promo-reason]"));
        Assert.Equal("This code is for prices in USD; this price is in INR.", otherCurrency.Text("[data-testid=promo-reason]"));
        Assert.Null(otherCurrency.QuerySelector("[data-testid=promo-price]"));
        Assert.Equal("₹500", otherCurrency.QuerySelector("[hx-swap-oob]")!.TextContent);
    }

    [Fact]
    public async Task Checking_out_with_the_code_charges_the_discounted_price_credits_the_pack_and_the_code_is_then_used()
    {
        var code = Promos.NewCode("DIWALI");
        await app.CreatePromotionAsync(code, PromotionType.PercentOff, 25, p => p.Currency = "INR");
        var (client, _) = await app.BuyerAsync();

        var checkout = await client.CheckOutAsync("inr_500", code.ToLowerInvariant());
        var payment = await app.PaymentAsync(checkout);
        var result = await client.PayInSandboxAsync(checkout);
        var again = await client.QuotePackAsync("inr_500", "INR", code);

        Assert.Equal((37_500L, 50_000L, 12_500L, code), (payment.Amount, payment.ListAmount, payment.Discount, payment.PromotionCode));
        Assert.Contains("500 tokens were added", result.Text("[data-testid=payment-result]"));
        Assert.Equal($"You paid ₹375 — ₹125 off with {code}.", result.Text("[data-testid=payment-discount]"));
        Assert.Equal("510", await client.NavbarBalanceAsync());
        Assert.Equal("You have already used this code.", again.Text("[data-testid=promo-reason]"));
        var history = await client.GetHtmlAsync("/history");
        Assert.Equal($"₹375 — ₹125 off with {code}", history.Text("[data-testid=purchases] tbody tr td.num"));
        Assert.Contains($"500 tokens · ₹375 — ₹125 off with {code}", (await client.GetHtmlAsync("/dashboard")).Text("[data-testid=dashboard-purchases]"));
    }

    [Fact]
    public async Task A_bonus_tokens_code_adds_its_tokens_on_top_of_the_pack()
    {
        var code = Promos.NewCode("BONUS");
        await app.CreatePromotionAsync(code, PromotionType.BonusTokens, 100);
        var (client, _) = await app.BuyerAsync();

        var quote = await client.QuotePackAsync("inr_500", "INR", code);
        var result = await client.PayInSandboxAsync(await client.CheckOutAsync("inr_500", code));

        Assert.Equal($"+100 bonus tokens with {code}", quote.Text("[data-testid=promo-bonus]"));
        Assert.Equal("₹500", quote.QuerySelector("[hx-swap-oob]")!.TextContent);
        Assert.Contains($"600 tokens were added to your balance, including 100 bonus tokens with {code}.", result.Text("[data-testid=payment-result]"));
        Assert.Equal("610", await client.NavbarBalanceAsync());
        Assert.Contains($"600 tokens (100 bonus with {code}) · ₹500", (await client.GetHtmlAsync("/dashboard")).Text("[data-testid=dashboard-purchases]"));
    }

    [Fact]
    public async Task A_refused_code_at_checkout_charges_nothing_and_the_modal_keeps_the_code_and_says_why()
    {
        var (client, userId) = await app.BuyerAsync();

        var refused = await client.CheckOutAsync("inr_500", "NOSUCHCODE2");
        var page = await refused.ReadHtmlAsync();
        var withHtmx = await CheckOutWithHtmxAsync(client, "inr_500", "NOSUCHCODE2");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("There is no code NOSUCHCODE2. Check how it is spelled.", page.Text("[data-testid=buy-modal] [data-testid=promo-reason]"));
        Assert.Equal("NOSUCHCODE2", page.QuerySelector("[data-testid=promo-code]")!.GetAttribute("value"));
        Assert.Equal("Pay ₹500", page.Text("[data-testid=buy-confirm]"));
        Assert.Equal(HttpStatusCode.OK, withHtmx.StatusCode);
        Assert.Contains("There is no code NOSUCHCODE2", (await withHtmx.ReadHtmlAsync()).Text("[data-testid=buy-modal]"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Payments.CountAsync(p => p.UserId == userId)));
        Assert.Equal("10", await client.NavbarBalanceAsync());
    }

    // htmx posts the modal's form with the antiforgery token in a header and does not swap a 4xx answer.
    private static async Task<HttpResponseMessage> CheckOutWithHtmxAsync(HttpClient client, string pack, string code)
    {
        var modal = await client.GetHtmlAsync($"/tokens/buy?handler=Confirm&pack={pack}&currency=INR");
        var token = modal.QuerySelector("meta[name=csrf-token]")!.GetAttribute("content")!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/tokens/buy?handler=Checkout")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["pack"] = pack, ["currency"] = "INR", ["gateway"] = "sandbox", ["key"] = Guid.NewGuid().ToString("N"), ["promo_code"] = code,
            }),
        };
        request.Headers.Add("HX-Request", "true");
        request.Headers.Add("RequestVerificationToken", token);
        return await client.SendAsync(request);
    }
}

public sealed class CheckoutCodeTests_Sqlite(SqliteApp app) : CheckoutCodeTests(app), IClassFixture<SqliteApp>;

public sealed class CheckoutCodeTests_Postgres(PostgresApp app) : CheckoutCodeTests(app), IClassFixture<PostgresApp>;
