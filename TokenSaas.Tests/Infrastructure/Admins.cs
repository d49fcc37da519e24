using System.Net.Http.Json;
using TokenSaas.Audit;
using TokenSaas.Ledger;

namespace TokenSaas.Tests.Infrastructure;

/// <summary>An admin as tests act through the ledger: an actor, a reason, a fresh key per submit.</summary>
public static class Admins
{
    public static readonly AdminActor Actor = new("test-admin-id", TestApp.AdminEmail, "127.0.0.1");

    public static AdminAct Act(string reason = "test", string? key = null) => new(Actor, reason, key ?? $"admin-{Guid.NewGuid():N}");

    /// <summary>A client calling /api/admin with the admin API key.</summary>
    /// <summary>A browser signed in as the configured admin (cookie), for the admin pages.</summary>
    public static async Task<HttpClient> AdminBrowserAsync(this TestApp app)
    {
        var admin = app.CreateBrowser();
        await admin.LogInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        return admin;
    }

    public static HttpClient AdminApi(this TestApp app)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", TestApp.AdminApiKey);
        return client;
    }

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, object body) =>
        client.PutAsJsonAsync(url, body);
}
