using System.Net;
using TokenSaas.Infrastructure;
using TokenSaas.Promotions;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Promotions;

public abstract class RedeemTests(TestApp app)
{
    [Fact]
    public async Task A_free_tokens_code_grants_its_tokens_once()
    {
        var code = Promos.NewCode("FREE");
        await app.CreatePromotionAsync(code, PromotionType.FreeTokens, 120, p => p.TokenExpiryDays = 30);
        var (client, _) = await app.BuyerAsync();
        var expires = app.Clock.GetUtcNow().UtcDateTime.AddDays(30);

        var redeemed = await client.SubmitFormAsync("/tokens/redeem", new Dictionary<string, string> { ["code"] = code.ToLowerInvariant() });
        var page = await redeemed.ReadHtmlAsync();
        var balanceAfter = await client.NavbarBalanceAsync();
        var again = await client.SubmitFormAsync("/tokens/redeem", new Dictionary<string, string> { ["code"] = code });
        var againPage = await again.ReadHtmlAsync();

        Assert.Equal(HttpStatusCode.OK, redeemed.StatusCode);
        Assert.Equal($"120 tokens added (they expire on {expires:d MMM yyyy}). Your balance is now 130.", page.Text("[data-testid=redeem-result]"));
        Assert.Equal("130", balanceAfter);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal("You have already used this code.", againPage.Text("[data-testid=redeem-error]"));
        Assert.Equal(code, againPage.QuerySelector("[data-testid=redeem-code]")!.GetAttribute("value"));
        Assert.Equal("130", await client.NavbarBalanceAsync());
    }

    [Fact]
    public async Task A_discount_code_or_an_unknown_one_is_refused_with_its_reason_and_grants_nothing()
    {
        var discount = Promos.NewCode("OFF");
        await app.CreatePromotionAsync(discount, PromotionType.PercentOff, 10);
        var (client, _) = await app.BuyerAsync();

        var atCheckout = await (await client.SubmitFormAsync("/tokens/redeem", new Dictionary<string, string> { ["code"] = discount })).ReadHtmlAsync();
        var unknown = await (await client.SubmitFormAsync("/tokens/redeem", new Dictionary<string, string> { ["code"] = "NOSUCHCODE3" })).ReadHtmlAsync();

        Assert.Equal("This code is a discount: enter it when you buy tokens or a plan.", atCheckout.Text("[data-testid=redeem-error]"));
        Assert.Equal("There is no code NOSUCHCODE3. Check how it is spelled.", unknown.Text("[data-testid=redeem-error]"));
        Assert.Equal("10", await client.NavbarBalanceAsync());
    }

    [Fact]
    public async Task Redeeming_with_htmx_swaps_the_form_and_tells_the_navbar_to_refresh_the_balance()
    {
        var code = Promos.NewCode("FREE");
        await app.CreatePromotionAsync(code, PromotionType.FreeTokens, 50);
        var (client, _) = await app.BuyerAsync();
        var form = await client.GetHtmlAsync("/tokens/redeem");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/tokens/redeem")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = code }),
        };
        request.Headers.Add("HX-Request", "true");
        request.Headers.Add("RequestVerificationToken", form.QuerySelector("meta[name=csrf-token]")!.GetAttribute("content")!);

        var response = await client.SendAsync(request);
        var partial = await response.ReadHtmlAsync();

        Assert.Equal(Htmx.TokensChanged, response.Headers.GetValues("HX-Trigger").Single());
        Assert.Null(partial.QuerySelector("h1"));
        Assert.Equal("50 tokens added to your balance. Your balance is now 60.", partial.Text("#redeem-form [data-testid=redeem-result]"));
        Assert.Equal("", partial.QuerySelector("[data-testid=redeem-code]")!.GetAttribute("value") ?? "");
    }

    [Fact]
    public async Task The_buy_page_and_the_account_menu_link_to_the_redeem_page()
    {
        var (client, _) = await app.BuyerAsync();

        var buy = await client.GetHtmlAsync("/tokens/buy");
        var modal = await client.GetHtmlAsync("/tokens/buy?handler=Confirm&pack=inr_500&currency=INR");

        Assert.Equal("/tokens/redeem", buy.QuerySelector("[data-testid=redeem-link]")!.GetAttribute("href"));
        Assert.Equal("Have a code for free tokens?", modal.Text("[data-testid=buy-modal] [data-testid=redeem-link]"));
        Assert.NotNull(buy.QuerySelector(".menu-panel a[href='/tokens/redeem']"));
    }

    [Fact]
    public async Task The_api_redeems_a_code_and_answers_400_saying_why_it_does_not()
    {
        var code = Promos.NewCode("API");
        await app.CreatePromotionAsync(code, PromotionType.FreeTokens, 75, p => p.TokenExpiryDays = 10);
        var discount = Promos.NewCode("OFF");
        await app.CreatePromotionAsync(discount, PromotionType.AmountOff, 100, p => p.Currency = "INR");
        var user = await app.NewApiUserAsync();
        var before = await user.BalanceAsync();

        using var redeemed = await (await user.PostAsync("/api/v1/redeem", new { code = code.ToLowerInvariant() })).ReadJsonAsync();
        var again = await user.PostAsync("/api/v1/redeem", new { code });
        var missing = await user.PostAsync("/api/v1/redeem", new { });
        var unknown = await user.PostAsync("/api/v1/redeem", new { code = "NOSUCHCODE4" });
        var notFree = await user.PostAsync("/api/v1/redeem", new { code = discount });

        var body = redeemed.RootElement;
        Assert.Equal((code, 75L, before + 75), (body.GetProperty("code").GetString(), body.GetProperty("tokens").GetInt64(), body.GetProperty("balance").GetInt64()));
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime.AddDays(10), body.GetProperty("expires_at").GetDateTime(), TimeSpan.FromSeconds(1));
        Assert.Equal(before + 75, await user.BalanceAsync());
        Assert.Equal((HttpStatusCode.BadRequest, "You have already used this code."), (again.StatusCode, await again.ErrorAsync()));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid body: code is required"), (missing.StatusCode, await missing.ErrorAsync()));
        Assert.Equal((HttpStatusCode.BadRequest, "There is no code NOSUCHCODE4. Check how it is spelled."), (unknown.StatusCode, await unknown.ErrorAsync()));
        Assert.Equal((HttpStatusCode.BadRequest, "This code is a discount: enter it when you buy tokens or a plan."), (notFree.StatusCode, await notFree.ErrorAsync()));
    }
}

public sealed class RedeemTests_Sqlite(SqliteApp app) : RedeemTests(app), IClassFixture<SqliteApp>;

public sealed class RedeemTests_Postgres(PostgresApp app) : RedeemTests(app), IClassFixture<PostgresApp>;
