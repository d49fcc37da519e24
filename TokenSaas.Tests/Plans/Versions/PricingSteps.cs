using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Payments;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Plans.Versions;

/// <summary>What a subscriber sees of their plan: seed 003's usage, plus the version the ledger has them on.</summary>
public sealed record Subscription(string Plan, int Version, long Quota, long Used, long Remaining, DateTime? EndsAt);

/// <summary>Steps the plan-version tests share: an admin changing plans over the API, and users buying them through the sandbox.</summary>
public static class PricingSteps
{
    public static object[] Prices(params (string Currency, long Amount)[] prices) =>
        prices.Select(p => (object)new { currency = p.Currency, amount = p.Amount }).ToArray();

    public static async Task<HttpResponseMessage> PutPlanAsync(this ApiUser admin, string key, object body) =>
        await admin.Client.PutAsJsonAsync($"/api/admin/pricing/plans/{key}", body);

    /// <summary>An admin's change that must succeed; answers the response body.</summary>
    public static async Task<JsonDocument> ChangePlanAsync(this ApiUser admin, string key, object body)
    {
        var response = await admin.PutPlanAsync(key, body);
        Assert.True(response.IsSuccessStatusCode, $"PUT plan {key} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    public static async Task<JsonDocument> CreatePlanAsync(this ApiUser admin, object body)
    {
        var response = await admin.Client.PostAsJsonAsync("/api/admin/pricing/plans", body);
        Assert.True(response.IsSuccessStatusCode, $"POST plan answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    /// <summary>Starts a sandbox checkout for <paramref name="plan"/> as the user would; answers the payment id.</summary>
    public static async Task<string> StartCheckoutAsync(this ApiUser user, string plan)
    {
        var response = await user.PostAsync("/api/v1/checkout", new { plan, gateway = "sandbox", idempotency_key = $"buy-{Guid.NewGuid():N}" });
        Assert.True(response.IsSuccessStatusCode, $"checkout of {plan} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        using var json = await response.ReadJsonAsync();
        return json.RootElement.GetProperty("payment_id").GetString()!;
    }

    /// <summary>The gateway reports the payment paid (as the sandbox page or a webhook does); answers the payment row.</summary>
    public static async Task<Payment> PaidAsync(this TestApp app, string paymentId)
    {
        var payment = await app.WithScopeAsync(s => s.GetRequiredService<Fulfillment>().PaidAsync(paymentId, $"gw-{paymentId}", "test", CancellationToken.None));
        Assert.Equal(PaymentStatus.Succeeded, payment!.Status);
        return payment;
    }

    /// <summary>Checkout and payment of <paramref name="plan"/>; answers the payment row (what was charged, for which version).</summary>
    public static async Task<Payment> BuyAsync(this ApiUser user, string plan) => await user.App.PaidAsync(await user.StartCheckoutAsync(plan));

    public static async Task<Subscription> SubscriptionAsync(this ApiUser user)
    {
        using var json = await user.Client.GetJsonAsync("/api/tokens/usage");
        var root = json.RootElement;
        var version = await user.App.WithDbAsync(db => db.TokenAccounts.AsNoTracking().Where(a => a.UserId == user.UserId)
            .Select(a => a.PlanVersion).SingleAsync());
        return new Subscription(root.GetProperty("plan").GetString()!, version, root.GetProperty("token_quota").GetInt64(),
            root.GetProperty("token_used").GetInt64(), root.GetProperty("remaining").GetInt64(),
            root.GetProperty("plan_end_at").ValueKind == JsonValueKind.Null ? null : root.GetProperty("plan_end_at").GetDateTime().ToUniversalTime());
    }

    /// <summary>Spends <paramref name="planTokens"/> of the plan quota; the day's 5 free tokens go first, so call it once a day at most.</summary>
    public static async Task UsePlanTokensAsync(this ApiUser user, long planTokens)
    {
        for (var left = planTokens + 5; left > 0; left -= 1000)
        {
            var response = await user.SpendAsync("create_website", $"use-{Guid.NewGuid():N}", quantity: (int)Math.Min(left, 1000));
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }
    }

    public static Task<Payment> PaymentAsync(this TestApp app, string id) =>
        app.WithDbAsync(db => db.Payments.AsNoTracking().SingleAsync(p => p.Id == id));
}
