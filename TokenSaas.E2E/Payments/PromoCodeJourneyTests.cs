using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TokenSaas.Data;
using TokenSaas.E2E.Infrastructure;
using TokenSaas.Promotions;
using static Microsoft.Playwright.Assertions;

namespace TokenSaas.E2E.Payments;

[Collection(AdminSiteCollection.Name)]
public sealed class PromoCodeJourneyTests(AdminSite site)
{
    [Theory]
    [InlineData(1366, 900)]
    [InlineData(390, 844)]
    public async Task A_buyer_types_a_code_sees_the_price_drop_live_and_pays_the_lower_price(int width, int height)
    {
        var code = await CreateCodeAsync(PromotionType.PercentOff, 25, "INR");
        var page = await site.NewPageAsync(width, height);
        await page.RegisterAsync(Journeys.NewEmail());
        await page.GotoAsync("/tokens/buy");

        await page.GetByTestId("pack-inr_500").GetByRole(AriaRole.Link).ClickAsync();
        await page.GetByLabel("Promo code").PressSequentiallyAsync("nosuch", new() { Delay = 20 });
        await Expect(page.GetByTestId("promo-reason")).ToContainTextAsync("There is no code NOSUCH");
        await page.GetByLabel("Promo code").FillAsync(code.ToLowerInvariant());

        await Expect(page.GetByTestId("promo-final-price")).ToHaveTextAsync("₹375");
        await Expect(page.GetByTestId("buy-confirm")).ToHaveTextAsync("Pay ₹375");
        await page.AssertFitsTheWindowAsync();
        await page.ScreenshotAsync($"promo-quote-{width}");
        await page.GetByTestId("buy-confirm").ClickAsync();
        await page.GetByTestId("sandbox-pay").ClickAsync();

        await Expect(page.GetByTestId("payment-discount")).ToHaveTextAsync($"You paid ₹375 — ₹125 off with {code}.");
    }

    [Theory]
    [InlineData(1366, 900)]
    [InlineData(390, 844)]
    public async Task A_free_tokens_code_is_redeemed_and_the_navbar_balance_rises(int width, int height)
    {
        var code = await CreateCodeAsync(PromotionType.FreeTokens, 120, null);
        var page = await site.NewPageAsync(width, height);
        await page.RegisterAsync(Journeys.NewEmail());
        await page.GetByLabel("Account menu").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Redeem a code" }).ClickAsync();

        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Redeem", Exact = true }).ClickAsync();

        await Expect(page.GetByTestId("redeem-result")).ToContainTextAsync("120 tokens added");
        await Expect(page.NavbarBalance()).ToHaveTextAsync("1,135");
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Redeem", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("redeem-error")).ToHaveTextAsync("You have already used this code.");
        await page.AssertFitsTheWindowAsync();
        await page.ScreenshotAsync($"redeem-{width}");
    }

    private async Task<string> CreateCodeAsync(PromotionType type, long value, string? currency)
    {
        var code = "E2E" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = DateTime.UtcNow;
        var promotion = new Promotion
        {
            Name = $"E2E {code}", Type = type, Value = value, Currency = currency, AllPacks = true, Code = code,
            CreatedAt = now, UpdatedAt = now, CreatedBy = "e2e",
        };
        db.Promotions.Add(promotion);
        await db.SaveChangesAsync();
        db.PromotionCodes.Add(new PromotionCode { Code = code, PromotionId = promotion.Id, CreatedAt = now });
        await db.SaveChangesAsync();
        return code;
    }
}
