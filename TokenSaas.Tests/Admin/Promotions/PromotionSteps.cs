using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Audit;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Admin.Promotions;

/// <summary>What an admin does with promotions through /api/admin/promotions, as steps a test can call.</summary>
public static class PromotionSteps
{
    /// <summary>A valid body: 25% off every pack under a fresh code, with a reason and a fresh key; <paramref name="overrides"/> (JSON) replace fields.</summary>
    public static JsonObject Body(string? overrides = null)
    {
        var body = new JsonObject
        {
            ["name"] = "Promo " + Guid.NewGuid().ToString("N")[..8], ["type"] = "percent_off", ["value"] = 25,
            ["code"] = Promos.NewCode("ADM"), ["reason"] = "Festival sale", ["idempotency_key"] = "promo-" + Guid.NewGuid().ToString("N"),
        };
        foreach (var (field, value) in JsonNode.Parse(overrides ?? "{}")!.AsObject())
        {
            body[field] = value?.DeepClone();
        }

        return body;
    }

    public static Task<HttpResponseMessage> PostPromotionAsync(this TestApp app, JsonObject body) =>
        app.AdminApi().PostAsJsonAsync("/api/admin/promotions", body);

    /// <summary>Creates a promotion through the API (failing the test if refused) and answers it.</summary>
    public static async Task<JsonElement> CreatePromotionViaApiAsync(this TestApp app, string? overrides = null)
    {
        var response = await app.PostPromotionAsync(Body(overrides));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Task<List<AuditEntry>> PromotionAuditAsync(this TestApp app, long id) =>
        app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.TargetType == AuditTargets.Promotion && e.TargetId == id.ToString())
            .OrderBy(e => e.Id).ToListAsync());

    /// <summary>How many promotions and promotion audit rows there are: a refused request changes neither.</summary>
    public static Task<(int Promotions, int Codes, int AuditRows)> PromotionCountsAsync(this TestApp app) =>
        app.WithDbAsync(async db => (await db.Promotions.CountAsync(), await db.PromotionCodes.CountAsync(),
            await db.AuditEntries.CountAsync(e => e.TargetType == AuditTargets.Promotion)));

    public static string Utc(this TestApp app, TimeSpan fromNow) => app.Clock.GetUtcNow().Add(fromNow).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");

    public static long Id(this JsonElement promotion) => promotion.GetProperty("id").GetInt64();

    public static string Str(this JsonElement element, string property) => element.GetProperty(property).ToString();
}
