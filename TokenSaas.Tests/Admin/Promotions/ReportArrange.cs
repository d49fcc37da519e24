using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Identity;
using TokenSaas.Infrastructure.Auth;
using TokenSaas.Ledger;
using TokenSaas.Payments;
using TokenSaas.Promotions;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Admin.Promotions;

/// <summary>Promotion uses made the way buyers make them: a checkout with a code, then the gateway's answer.</summary>
public static class ReportArrange
{
    public static async Task<string> CheckoutAsync(this ApiUser user, string pack, string code)
    {
        var response = await user.PostAsync("/api/v1/checkout",
            new { pack, gateway = "sandbox", idempotency_key = $"report-{Guid.NewGuid():N}", promo_code = code });
        using var json = await response.ReadJsonAsync();
        Assert.True(response.IsSuccessStatusCode, json.RootElement.ToString());
        return json.RootElement.GetProperty("payment_id").GetString()!;
    }

    public static Task PaidAsync(this TestApp app, string paymentId) =>
        app.WithScopeAsync(s => s.GetRequiredService<Fulfillment>().PaidAsync(paymentId, $"gw-{paymentId}", "test", CancellationToken.None));

    public static Task FailedAsync(this TestApp app, string paymentId) =>
        app.WithScopeAsync(s => s.GetRequiredService<Fulfillment>().FailedAsync(paymentId, "card declined", "test", CancellationToken.None));

    public static Task RefundedAsync(this TestApp app, string paymentId) =>
        app.WithScopeAsync(s => s.GetRequiredService<Fulfillment>().RefundedAsync(paymentId, "test", CancellationToken.None));

    /// <summary>A buyer with a chosen address (for aliases), signed in to the API.</summary>
    public static async Task<ApiUser> ApiUserWithEmailAsync(this TestApp app, string email)
    {
        var user = await app.WithScopeAsync(s => s.GetRequiredService<Registration>().EnsureUserAsync(email, Users.Password, null));
        var client = app.CreateDefaultClient(new FreshToken(app.Services.GetRequiredService<JwtTokens>(), user.Id, email, []));
        return new ApiUser(app, user.Id, email, client);
    }

    /// <summary>New buyers until <paramref name="count"/> of them fall in each of the promotion's variants (the split is a hash).</summary>
    public static async Task<Dictionary<string, List<ApiUser>>> BuyersPerVariantAsync(this TestApp app, Promotion promotion, int count)
    {
        var buyers = promotion.Variants.ToDictionary(v => v.Name, _ => new List<ApiUser>());
        while (buyers.Values.Any(b => b.Count < count))
        {
            var user = await app.NewApiUserAsync();
            var list = buyers[promotion.VariantFor(user.UserId)!.Name];
            if (list.Count < count)
            {
                list.Add(user);
            }
        }

        return buyers;
    }

    public static Task<string> TodayAsync(this TestApp app) =>
        app.WithScopeAsync(s => Task.FromResult(s.GetRequiredService<TokenCalendar>().DayKey(app.Clock.GetUtcNow().UtcDateTime)));
}
