using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Content;
using TokenSaas.Tests.Infrastructure;
using TokenSaas.Tests.Plans.Versions;

namespace TokenSaas.Tests.Admin.Content;

/// <summary>Steps the content editor tests share: a fresh plan of their own (so tests never share a block) and the content API.</summary>
public static class EditorSteps
{
    public static async Task<string> NewPlanAsync(this TestApp app)
    {
        var key = PricingApiTests.NewKey();
        var response = await app.AdminApi().PostAsJsonAsync("/api/admin/pricing/plans", PricingApiTests.NewPlan(key, "Content test"));
        Assert.True(response.IsSuccessStatusCode, $"POST plan answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return key;
    }

    public static string Url(string planId) => $"/api/admin/content/pricing/{planId}";

    public static async Task<HttpResponseMessage> SaveDraftAsync(this TestApp app, string planId, string markdown) =>
        await app.AdminApi().PutAsJsonAsync(Url(planId), new { markdown });

    public static async Task<HttpResponseMessage> PublishAsync(this TestApp app, string planId, object? body = null) =>
        await app.AdminApi().PostAsJsonAsync(Url(planId) + "/publish", body ?? new { note = "test" });

    /// <summary>A draft saved and published; answers the version it made.</summary>
    public static async Task<int> PublishTextAsync(this TestApp app, string planId, string markdown, string note = "test")
    {
        Assert.True((await app.SaveDraftAsync(planId, markdown)).IsSuccessStatusCode);
        var response = await app.PublishAsync(planId, new { note });
        Assert.True(response.IsSuccessStatusCode, $"publish answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        using var json = await response.ReadJsonAsync();
        return json.RootElement.GetProperty("version").GetInt32();
    }

    public static async Task<JsonDocument> BlockAsync(this TestApp app, string planId) =>
        await (await app.AdminApi().GetAsync(Url(planId))).ReadJsonAsync();

    public static Task<List<ContentVersion>> VersionRowsAsync(this TestApp app, string planId) =>
        app.WithDbAsync(db => db.ContentVersions.AsNoTracking().Where(v => v.BlockKey == ContentBlock.PlanKey(planId)).OrderBy(v => v.Number).ToListAsync());

    public static string Error(this JsonDocument json) => json.RootElement.GetProperty("error").GetString()!;

    public static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
