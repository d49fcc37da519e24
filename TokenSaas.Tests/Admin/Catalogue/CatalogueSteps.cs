using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Audit;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Admin.Catalogue;

/// <summary>What an admin does with packs and features, as steps a test can call.</summary>
public static class CatalogueSteps
{
    /// <summary>A key no other test uses (tests of one class share a database).</summary>
    public static string NewKey(string prefix = "t") => $"{prefix}_{Guid.NewGuid():N}"[..24];

    public static string NewIdempotencyKey() => $"edit-{Guid.NewGuid():N}";

    public static object PackBody(string key, long tokens = 100, long amount = 10_000, string currency = "INR", string reason = "new offer",
        string? idempotencyKey = null) => new
    {
        key, name = $"Pack {key}", tokens, bonus_tokens = 0, prices = new[] { new { currency, amount } }, reason,
        idempotency_key = idempotencyKey ?? NewIdempotencyKey(),
    };

    public static object FeatureBody(string key, long cost = 3, long? costPerUse = null, string reason = "new feature") => new
    {
        key, name = $"Feature {key}", category = "Tests", description = "Made by a test.", cost, cost_per_use = costPerUse, reason,
        idempotency_key = NewIdempotencyKey(),
    };

    public static async Task<JsonDocument> CreatePackAsync(this TestApp app, string key, long tokens = 100, long amount = 10_000, string currency = "INR")
    {
        var response = await app.AdminApi().PostAsJsonAsync("/api/admin/packs", PackBody(key, tokens, amount, currency));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    public static async Task<JsonDocument> CreateFeatureAsync(this TestApp app, string key, long cost = 3, long? costPerUse = null)
    {
        var response = await app.AdminApi().PostAsJsonAsync("/api/admin/features", FeatureBody(key, cost, costPerUse));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string url, string json) =>
        client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PutRawAsync(this HttpClient client, string url, string json) =>
        client.PutAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    public static Task<List<AuditEntry>> AuditAsync(this TestApp app, string targetType, string targetId) =>
        app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.TargetType == targetType && e.TargetId == targetId)
            .OrderBy(e => e.Id).ToListAsync());

    /// <summary>Posts the confirm step's form as the browser would (its hidden fields, the reason as shown).</summary>
    public static Task<HttpResponseMessage> ConfirmAsync(this HttpClient client, IHtmlDocument confirm, string? reason = null)
    {
        var form = confirm.QuerySelector("[data-testid=admin-confirm] form") ?? throw new InvalidOperationException("No confirm step shown.");
        var fields = form.QuerySelectorAll("input[name]")
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!,
                i.GetAttribute("name") == "Input.Reason" && reason is not null ? reason : i.GetAttribute("value") ?? string.Empty))
            .ToList();
        return client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields));
    }

    /// <summary>What the confirm step lists: field label → "before → after" (a new item's: field label → value).</summary>
    public static Dictionary<string, string> Changes(this IHtmlDocument confirm) =>
        confirm.QuerySelectorAll("[data-testid=changes] tbody tr").ToDictionary(
            r => r.QuerySelector("th")!.TextContent.Trim(),
            r => (r.QuerySelector(".change-before")?.TextContent.Trim() is { } before ? before + " → " : string.Empty)
                 + r.QuerySelector(".change-after")!.TextContent.Replace("→", "").Trim());
}
