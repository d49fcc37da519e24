using System.Net;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Promotions;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Promotions;

public abstract class CheckoutPlanCodeTests(TestApp app)
{
    [Fact]
    public async Task A_plan_bought_from_the_pricing_page_with_a_half_off_code_is_charged_half()
    {
        var code = Promos.NewCode("PLAN");
        await app.CreatePromotionAsync(code, PromotionType.PercentOff, 50, p => (p.AllPacks, p.Plans) = (false, ["standard"]));
        var (client, _) = await app.BuyerAsync();

        var quote = await client.TypeCodeAsync($"/pricing?handler=Quote&plan=standard&promo_code={code}");
        var checkout = await client.SubmitFormAsync("/pricing", new Dictionary<string, string> { ["gateway"] = "sandbox", ["promo_code"] = code },
            "[data-testid=plan-standard] form", "[data-testid=buy-plan-standard-sandbox]");
        var payment = await app.PaymentAsync(checkout);
        var result = await client.PayInSandboxAsync(checkout);

        Assert.Equal(("₹29", "₹14.5"), (quote.Text("[data-testid=promo-list-price]"), quote.Text("[data-testid=promo-final-price]")));
        Assert.Null(quote.QuerySelector("[hx-swap-oob]"));
        Assert.Equal((1_450L, 2_900L, 1_450L), (payment.Amount, payment.ListAmount, payment.Discount));
        Assert.Contains("you are on the Standard plan now", result.Text("[data-testid=payment-result]"));
        Assert.Equal($"You paid ₹14.5 — ₹14.5 off with {code}.", result.Text("[data-testid=payment-discount]"));
        Assert.Equal("standard", (await client.GetHtmlAsync("/dashboard")).Text("[data-testid=plan-name]"));
    }

    [Fact]
    public async Task A_pack_code_typed_on_a_plan_is_refused_with_its_reason_the_code_kept_and_nothing_charged()
    {
        var code = Promos.NewCode("PACKS");
        await app.CreatePromotionAsync(code, PromotionType.PercentOff, 50);
        var (client, userId) = await app.BuyerAsync();

        var refused = await client.SubmitFormAsync("/pricing", new Dictionary<string, string> { ["gateway"] = "sandbox", ["promo_code"] = code },
            "[data-testid=plan-standard] form", "[data-testid=buy-plan-standard-sandbox]");
        var page = await refused.ReadHtmlAsync();
        var applied = await (await client.SubmitFormAsync("/pricing", new Dictionary<string, string> { ["promo_code"] = code },
            "[data-testid=plan-premium] form", "[data-testid=promo-apply]")).ReadHtmlAsync();

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("This code does not apply to the Standard plan.", page.Text("[data-testid=plan-standard] [data-testid=promo-reason]"));
        Assert.Equal(code, page.QuerySelector("[data-testid=plan-standard] [data-testid=promo-code]")!.GetAttribute("value"));
        Assert.Null(page.QuerySelector("[data-testid=plan-premium] [data-testid=promo-reason]"));
        Assert.Equal("This code does not apply to the Premium plan.", applied.Text("[data-testid=plan-premium] [data-testid=promo-reason]"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Payments.CountAsync(p => p.UserId == userId)));
    }
}

public sealed class CheckoutPlanCodeTests_Sqlite(SqliteApp app) : CheckoutPlanCodeTests(app), IClassFixture<SqliteApp>;

public sealed class CheckoutPlanCodeTests_Postgres(PostgresApp app) : CheckoutPlanCodeTests(app), IClassFixture<PostgresApp>;
