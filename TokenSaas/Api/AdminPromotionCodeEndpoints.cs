using TokenSaas.Admin;
using TokenSaas.Audit;
using TokenSaas.Promotions;

namespace TokenSaas.Api;

public sealed record CodeGenerateRequest(long? PromotionId, long? Count, string? Pattern, string? Reason, string? IdempotencyKey);

/// <summary>SPEC 10.4's bulk codes: start a run from a pattern, follow it, download the codes as CSV.</summary>
public static class AdminPromotionCodeEndpoints
{
    public static void MapAdminPromotionCodeEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapPost("/promotions/codes/generate", GenerateAsync)
            .WithSummary($"Make count (1–{CodeBatch.MaxCount:N0}) one-use codes for promotion_id from pattern (# a digit, ? a letter; " +
                         $"optional reason and idempotency_key). Up to {CodeGenerator.InlineMax:N0}: made at once and listed (200); " +
                         "more: made in the background (202), follow batch_id and download the csv link.");
        admin.MapGet("/promotions/codes/batches/{batchId:long}", async (long batchId, CodeQueries queries, CancellationToken ct) =>
                await queries.BatchAsync(batchId, ct) is { } batch
                    ? Results.Json(Progress(batch))
                    : ApiErrors.Error(StatusCodes.Status404NotFound, $"code batch {batchId} not found"))
            .WithSummary("A run's progress: status (running, done, failed), generated of count.");
        admin.MapGet("/promotions/{promotionId:long}/codes.csv", CsvAsync)
            .WithSummary("The promotion's codes (one run's with ?batch=): code,batch_id,uses,max_uses,created_at; the download is audited.");
    }

    private static async Task<IResult> GenerateAsync(CodeGenerateRequest? body, HttpContext context, CodeGenerator generator,
        CancellationToken ct)
    {
        if (body is null)
        {
            return CatalogueAnswers.NoBody;
        }

        if (body.PromotionId is not { } promotionId)
        {
            return ApiErrors.Error(StatusCodes.Status400BadRequest, "promotion_id is required.");
        }

        var result = await generator.StartAsync(promotionId, body.Count, body.Pattern, AdminActor.From(context), body.Reason,
            body.IdempotencyKey, ct);
        if (!result.Succeeded)
        {
            return CatalogueAnswers.From(result);
        }

        var run = result.Value!;
        return Results.Json(new
        {
            count = run.Batch.Count,
            codes = run.Codes,
            batch_id = run.Batch.Id,
            status = Status(run.Batch.Status),
            generated = run.Batch.Generated,
            error = run.Batch.Error,
            csv = Csv(run.Batch),
            progress = $"/api/admin/promotions/codes/batches/{run.Batch.Id}",
        }, statusCode: run.Batch.Status == CodeBatchStatus.Running ? StatusCodes.Status202Accepted : StatusCodes.Status200OK);
    }

    private static async Task<IResult> CsvAsync(long promotionId, long? batch, HttpContext context, CodeQueries queries, CancellationToken ct)
    {
        if (await queries.PromotionAsync(promotionId, ct) is null)
        {
            return ApiErrors.Error(StatusCodes.Status404NotFound, $"promotion {promotionId} not found");
        }

        if (batch is { } batchId && (await queries.BatchAsync(batchId, ct))?.PromotionId != promotionId)
        {
            return ApiErrors.Error(StatusCodes.Status404NotFound, $"promotion {promotionId} has no code batch {batchId}");
        }

        var actor = AdminActor.From(context);
        return Results.Stream(stream => queries.WriteCsvAsync(promotionId, batch, actor, stream, ct), "text/csv; charset=utf-8",
            batch is { } id ? $"promotion-{promotionId}-codes-{id}.csv" : $"promotion-{promotionId}-codes.csv");
    }

    private static object Progress(CodeBatch b) => new
    {
        batch_id = b.Id,
        promotion_id = b.PromotionId,
        pattern = b.Pattern,
        count = b.Count,
        generated = b.Generated,
        status = Status(b.Status),
        error = b.Error,
        created_at = b.CreatedAt,
        finished_at = b.FinishedAt,
        csv = Csv(b),
    };

    private static string Status(CodeBatchStatus status) => CodeQueries.Status(status);

    private static string Csv(CodeBatch b) => CodeQueries.CsvUrl(b.PromotionId, b.Id);
}
