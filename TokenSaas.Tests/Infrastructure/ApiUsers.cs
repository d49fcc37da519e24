using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Identity;
using TokenSaas.Infrastructure.Auth;
using TokenSaas.Ledger;

namespace TokenSaas.Tests.Infrastructure;

/// <summary>An API caller: a real user with a real JWT, and the ledger behind it for arranging balances.</summary>
public sealed record ApiUser(TestApp App, string UserId, string Email, HttpClient Client)
{
    public Task<HttpResponseMessage> PostAsync(string url, object body) => Client.PostAsJsonAsync(url, body);

    public Task<HttpResponseMessage> SpendAsync(string feature, string key, int? quantity = null) =>
        PostAsync("/api/v1/spend", quantity is null
            ? new { feature, idempotency_key = key }
            : new { feature, idempotency_key = key, quantity });

    public async Task<long> BalanceAsync()
    {
        using var json = await Client.GetJsonAsync("/api/v1/balance");
        return json.RootElement.GetProperty("total").GetInt64();
    }

    public Task<T> LedgerAsync<T>(Func<LedgerService, Task<T>> work) =>
        App.WithScopeAsync(s => work(s.GetRequiredService<LedgerService>()));

    /// <summary>Credits tokens straight through the ledger (as a purchase or an admin would).</summary>
    public async Task GrantAsync(long amount, GrantBucket bucket = GrantBucket.Purchased, DateTime? expiresAt = null)
    {
        var result = await LedgerAsync(l => l.GrantAsync(UserId, new TokenGrant(bucket, amount, "test", $"grant-{Guid.NewGuid():N}",
            "test", $"Test {bucket} grant") { ExpiresAt = expiresAt }));
        Assert.True(result.Succeeded, result.Failure?.Message);
    }

    /// <summary>Spends the welcome bonus so the account starts from exactly zero.</summary>
    public async Task DrainAsync()
    {
        var balance = await BalanceAsync();
        if (balance > 0)
        {
            var result = await LedgerAsync(l => l.AdjustAsync(UserId, -balance, "test starts from zero", $"drain-{Guid.NewGuid():N}", "test"));
            Assert.True(result.Succeeded, result.Failure?.Message);
        }
    }
}

public static class ApiUsers
{
    public static async Task<ApiUser> NewApiUserAsync(this TestApp app, string? role = null)
    {
        var email = Users.NewEmail("api");
        var user = await app.WithScopeAsync(s => s.GetRequiredService<Registration>().EnsureUserAsync(email, Users.Password, role));
        var roles = role is null ? Array.Empty<string>() : [role];
        var client = app.CreateDefaultClient(new FreshToken(app.Services.GetRequiredService<JwtTokens>(), user.Id, email, roles));
        return new ApiUser(app, user.Id, email, client);
    }

    public static async Task<JsonDocument> GetJsonAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    public static async Task<JsonDocument> ReadJsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync());

    public static async Task<string?> ErrorAsync(this HttpResponseMessage response)
    {
        using var json = await response.ReadJsonAsync();
        return json.RootElement.GetProperty("error").GetString();
    }
}

/// <summary>Signs every request with a token issued now (by the app's clock), as a client that re-authenticates would.</summary>
public sealed class FreshToken(JwtTokens tokens, string userId, string email, string[] roles) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization ??= new AuthenticationHeaderValue("Bearer", tokens.Issue(userId, email, roles).Token);
        return base.SendAsync(request, cancellationToken);
    }
}
