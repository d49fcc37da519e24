using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Identity;
using TokenSaas.Infrastructure.Auth;
using TokenSaas.Ledger;
using TokenSaas.Payments;
using TokenSaas.Promotions;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Promotions;

/// <summary>What a buyer's quote says about a code, as the API answers it.</summary>
public sealed record QuoteSeen(long Amount, long Discount, long FinalAmount, long BonusTokens, bool Valid, string? Reason, string? Variant);

/// <summary>A checkout as the API answered it: the status, the payment (when one was started) or the error.</summary>
public sealed record CheckoutSeen(HttpStatusCode Status, string? PaymentId, string? Error, JsonElement Body)
{
    public bool Started => Status == HttpStatusCode.OK && PaymentId is not null;
}

/// <summary>The steps promotion tests take: quoting and buying with a code over the real API, and reading what that did.</summary>
public static class PromoSteps
{
    public static async Task<QuoteSeen> QuoteAsync(this ApiUser user, string? code, string pack = "inr_500", string? plan = null)
    {
        var response = await user.PostAsync("/api/v1/checkout/quote", plan is null
            ? new { pack = (string?)pack, plan = (string?)null, promo_code = code }
            : new { pack = (string?)null, plan = (string?)plan, promo_code = code });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        using var json = await response.ReadJsonAsync();
        var root = json.RootElement;
        var promo = root.GetProperty("promo");
        return new QuoteSeen(root.GetProperty("amount").GetInt64(), root.GetProperty("discount").GetInt64(),
            root.GetProperty("final_amount").GetInt64(), root.GetProperty("bonus_tokens").GetInt64(),
            promo.ValueKind == JsonValueKind.Object && promo.GetProperty("valid").GetBoolean(),
            promo.ValueKind == JsonValueKind.Object ? promo.GetProperty("reason").GetString() : null,
            promo.ValueKind == JsonValueKind.Object ? promo.GetProperty("variant").GetString() : null);
    }

    public static Task<CheckoutSeen> BuyAsync(this ApiUser user, string? code, string pack = "inr_500", string gateway = "sandbox",
        string? key = null) =>
        user.CheckoutAsync(new { pack, gateway, idempotency_key = key ?? Guid.NewGuid().ToString("N"), promo_code = code });

    public static Task<CheckoutSeen> BuyPlanAsync(this ApiUser user, string plan, string? code, string gateway = "sandbox") =>
        user.CheckoutAsync(new { plan, gateway, idempotency_key = Guid.NewGuid().ToString("N"), promo_code = code });

    public static async Task<CheckoutSeen> CheckoutAsync(this ApiUser user, object body)
    {
        var response = await user.PostAsync("/api/v1/checkout", body);
        using var json = await response.ReadJsonAsync();
        var root = json.RootElement.Clone();
        return new CheckoutSeen(response.StatusCode,
            root.TryGetProperty("payment_id", out var id) ? id.GetString() : null,
            root.TryGetProperty("error", out var error) ? error.GetString() : null, root);
    }

    /// <summary>A user with exactly this address (for alias tests), signed in to the API.</summary>
    public static async Task<ApiUser> ApiUserWithEmailAsync(this TestApp app, string email)
    {
        var user = await app.WithScopeAsync(s => s.GetRequiredService<Registration>().EnsureUserAsync(email, Users.Password, null));
        var client = app.CreateDefaultClient(new FreshToken(app.Services.GetRequiredService<JwtTokens>(), user.Id, email, []));
        return new ApiUser(app, user.Id, email, client);
    }

    public static Task<Payment?> PaidAsync(this TestApp app, string paymentId, string gatewayPaymentId = "gw") =>
        app.WithScopeAsync(s => s.GetRequiredService<Fulfillment>().PaidAsync(paymentId, gatewayPaymentId, "test", CancellationToken.None));

    public static Task<Payment?> FailedAsync(this TestApp app, string paymentId) =>
        app.WithScopeAsync(s => s.GetRequiredService<Fulfillment>().FailedAsync(paymentId, "Card declined.", "test", CancellationToken.None));

    public static Task<Payment?> RefundedAsync(this TestApp app, string paymentId) =>
        app.WithScopeAsync(s => s.GetRequiredService<Fulfillment>().RefundedAsync(paymentId, "test", CancellationToken.None));

    public static Task<Promotion> PromotionAsync(this TestApp app, long id) =>
        app.WithDbAsync(db => db.Promotions.AsNoTracking().SingleAsync(p => p.Id == id));

    public static Task<List<Redemption>> RedemptionsAsync(this TestApp app, long promotionId) =>
        app.WithDbAsync(db => db.Redemptions.AsNoTracking().Where(r => r.PromotionId == promotionId).OrderBy(r => r.Id).ToListAsync());

    public static Task<Payment> PaymentAsync(this TestApp app, string id) =>
        app.WithDbAsync(db => db.Payments.AsNoTracking().SingleAsync(p => p.Id == id));

    public static Task<List<Payment>> PaymentsOfAsync(this TestApp app, string userId) =>
        app.WithDbAsync(db => db.Payments.AsNoTracking().Where(p => p.UserId == userId).ToListAsync());

    // The welcome bonus is in the bonus bucket too; a promotion's grants are told apart by their source.
    public static Task<List<Grant>> PromotionGrantsAsync(this TestApp app, string userId) =>
        app.WithDbAsync(db => db.Grants.AsNoTracking()
            .Where(g => g.Bucket == GrantBucket.Bonus && g.Source == "promotion" && db.TokenAccounts.Any(a => a.Id == g.AccountId && a.UserId == userId))
            .ToListAsync());

    public static DateTime Now(this TestApp app) => app.Clock.GetUtcNow().UtcDateTime;

    /// <summary>The promotion's counters as one value, so an assertion shows all of them when it fails.</summary>
    public static (int Reserved, int Redeemed, long BudgetReserved, long BudgetUsed) Counters(this Promotion p) =>
        (p.Reserved, p.Redeemed, p.BudgetReserved, p.BudgetUsed);

    public static async Task<List<ApiUser>> NewApiUsersAsync(this TestApp app, int count)
    {
        var users = new List<ApiUser>();
        for (var i = 0; i < count; i++)
        {
            users.Add(await app.NewApiUserAsync());
        }

        return users;
    }
}
