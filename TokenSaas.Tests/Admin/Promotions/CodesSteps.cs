using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Promotions;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Admin.Promotions;

/// <summary>What an admin does with bulk codes, as steps a test can call.</summary>
public static class CodesSteps
{
    public const string Generate = "/api/admin/promotions/codes/generate";

    /// <summary>A pattern no other test draws from: its own literal prefix.</summary>
    public static string NewPattern(string placeholders = "####-????") => $"P{Guid.NewGuid().ToString("N")[..8].ToUpperInvariant()}-{placeholders}";

    /// <summary>A percent-off promotion with no shared code, only what runs generate.</summary>
    public static Task<Promotion> CreateCodelessPromotionAsync(this TestApp app, Action<Promotion>? configure = null) =>
        app.CreatePromotionAsync(Promos.NewCode("GEN"), PromotionType.PercentOff, 20, p =>
        {
            p.Currency = "INR";
            configure?.Invoke(p);
            p.Code = null;
        });

    public static Task<HttpResponseMessage> GenerateAsync(this HttpClient admin, long promotionId, long count, string pattern,
        string? reason = null) =>
        admin.PostAsJsonAsync(Generate, new { promotion_id = promotionId, count, pattern, reason });

    public static async Task<CodeBatch> WaitForBatchAsync(this TestApp app, long batchId, CodeBatchStatus status, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(120));
        while (true)
        {
            var batch = await app.CodeBatchAsync(batchId);
            if (batch.Status == status)
            {
                return batch;
            }

            Assert.True(DateTime.UtcNow < until, $"Code batch {batchId} is {batch.Status} ({batch.Generated}/{batch.Count}), not {status}");
            await Task.Delay(50);
        }
    }

    public static Task<CodeBatch> CodeBatchAsync(this TestApp app, long batchId) =>
        app.WithDbAsync(db => db.PromotionCodeBatches.AsNoTracking().SingleAsync(b => b.Id == batchId));

    public static Task<List<PromotionCode>> StoredCodesAsync(this TestApp app, long promotionId, long? batchId = null) =>
        app.WithDbAsync(db => db.PromotionCodes.AsNoTracking()
            .Where(c => c.PromotionId == promotionId && (batchId == null || c.BatchId == batchId)).ToListAsync());

    /// <summary>Batches, codes and audit rows a promotion has: what a refused request must leave as it was.</summary>
    public static Task<(int Batches, int Codes, int AuditRows)> FootprintAsync(this TestApp app, long promotionId) =>
        app.WithDbAsync(async db => (
            await db.PromotionCodeBatches.CountAsync(b => b.PromotionId == promotionId),
            await db.PromotionCodes.CountAsync(c => c.PromotionId == promotionId),
            await db.AuditEntries.CountAsync(e => e.TargetType == TokenSaas.Audit.AuditTargets.Promotion && e.TargetId == promotionId.ToString())));

    public static long Long(this JsonDocument json, string name) => json.RootElement.GetProperty(name).GetInt64();

    public static string Text(this JsonDocument json, string name) => json.RootElement.GetProperty(name).GetString()!;
}
