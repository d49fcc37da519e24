using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using TokenSaas.Admin.Bulk;
using TokenSaas.Audit;

namespace TokenSaas.Api;

public sealed record BulkReverseRequest(string? Reason);

/// <summary>/api/admin/tokens/bulk: check a CSV of allocations, start it, follow it, reverse it, read its results.</summary>
public static class AdminBulkEndpoints
{
    private const string Path = "/tokens/bulk";

    public static void MapAdminBulkEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapPost(Path, CheckAsync)
            .WithMetadata(new RequestSizeLimitAttribute(BulkCsv.MaxBytes + 1))
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = new Microsoft.OpenApi.OpenApiRequestBody
                {
                    Required = true,
                    Description = "The file: " + BulkCsv.Format + ", UTF-8, at most 50,000 rows.",
                    Content = new Dictionary<string, Microsoft.OpenApi.OpenApiMediaType> { ["text/csv"] = new() },
                };
                return Task.CompletedTask;
            })
            .WithSummary("Check a CSV (email,amount[,expires_at][,reason]); dry_run=false also starts granting it (202). " +
                         "reason is the batch's reason, required when a row has none; idempotency_key makes a retry of a start return the first batch.");
        admin.MapGet(Path + "/{batchId:long}", async (long batchId, BulkQueries queries, CancellationToken ct) =>
                await queries.FindAsync(batchId, ct) is { } batch ? Results.Json(Status(batch)) : NotFound(batchId))
            .WithSummary("A batch's status and progress.");
        admin.MapPost(Path + "/{batchId:long}/start", async (long batchId, HttpContext context, BulkService bulk, CancellationToken ct) =>
                Answer(await bulk.StartAsync(batchId, AdminActor.From(context), ct), b => Results.Accepted(Location(b), Status(b))))
            .WithSummary("Start granting a checked batch (a repeat changes nothing).");
        admin.MapPost(Path + "/{batchId:long}/reverse", ReverseAsync)
            .WithSummary("Take back every grant of a finished batch (what is unspent of each), with a reason.");
        admin.MapGet(Path + "/{batchId:long}/results.csv", async (long batchId, BulkQueries queries, CancellationToken ct) =>
                await queries.FindAsync(batchId, ct) is null
                    ? NotFound(batchId)
                    : Results.Stream(stream => queries.WriteResultsAsync(batchId, stream, ct), "text/csv; charset=utf-8",
                        $"bulk-{batchId}-results.csv"))
            .WithSummary("Every row as it stands: row,email,amount,status,entry_id,error,reversed_tokens.");
    }

    private static async Task<IResult> CheckAsync(HttpContext context, [FromQuery(Name = "dry_run")] string? dryRun,
        string? reason, [FromQuery(Name = "idempotency_key")] string? idempotencyKey, BulkService bulk, CancellationToken ct)
    {
        if (!bool.TryParse(string.IsNullOrEmpty(dryRun) ? "true" : dryRun, out var dry))
        {
            return ApiErrors.Error(StatusCodes.Status400BadRequest, "dry_run must be true or false");
        }

        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type)
            || !(type.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase) || type.MediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase)))
        {
            return ApiErrors.Error(StatusCodes.Status415UnsupportedMediaType, "send the file as the body with Content-Type: text/csv");
        }

        if (await BulkCsv.ReadAllAsync(context.Request.Body, context.Request.ContentLength, ct) is not { } file)
        {
            return ApiErrors.Error(StatusCodes.Status400BadRequest, $"the file is larger than {BulkCsv.MaxBytes / 1024 / 1024} MB");
        }

        var actor = AdminActor.From(context);
        if (dry)
        {
            return Answer(await bulk.CheckAsync(file, null, reason, actor, ct), s => Results.Json(Checked(s)));
        }

        return Answer(await bulk.CheckAndStartAsync(file, reason, actor, idempotencyKey, ct),
            s => Results.Accepted(Location(s.Batch), Checked(s)));
    }

    private static async Task<IResult> ReverseAsync(long batchId, BulkReverseRequest? body, HttpContext context, BulkService bulk,
        CancellationToken ct)
    {
        if (body is null)
        {
            return ApiErrors.Error(StatusCodes.Status400BadRequest, "invalid body: a JSON body {\"reason\": \"...\"} is required");
        }

        return Answer(await bulk.ReverseAsync(batchId, body.Reason, AdminActor.From(context), ct), b => Results.Json(new
        {
            batch_id = b.Id,
            status = BulkService.Status(b.Status),
            reversed = b.ReversedRows,
            reversal_shortfall = b.ReversalShortfall,
        }, statusCode: b.Status == BulkStatus.Reversed ? StatusCodes.Status200OK : StatusCodes.Status202Accepted));
    }

    private static object Checked(BulkSummary s) => new
    {
        batch_id = s.Batch.Id,
        rows = s.Batch.Rows,
        valid = s.Batch.Valid,
        invalid = s.Invalid.Select(r => new { row = r.Row, error = r.Error }),
        total_tokens = s.Batch.TotalTokens,
        status = BulkService.Status(s.Batch.Status),
    };

    private static object Status(BulkBatch b) => new
    {
        batch_id = b.Id,
        status = BulkService.Status(b.Status),
        rows = b.Rows,
        valid = b.Valid,
        done = b.Done,
        failed = b.Failed,
        total_tokens = b.TotalTokens,
        reversed = b.ReversedRows,
        reversal_shortfall = b.ReversalShortfall,
        created_at = b.CreatedAt,
        started_at = b.StartedAt,
        finished_at = b.FinishedAt,
        reversed_at = b.ReversedAt,
    };

    private static IResult Answer<T>((T? Value, BulkProblem? Problem) outcome, Func<T, IResult> shape) where T : class =>
        outcome.Problem switch
        {
            null => shape(outcome.Value!),
            { Kind: BulkProblemKind.NotFound } p => ApiErrors.Error(StatusCodes.Status404NotFound, p.Message),
            { Kind: BulkProblemKind.Conflict } p => ApiErrors.Error(StatusCodes.Status409Conflict, p.Message),
            var p => ApiErrors.Error(StatusCodes.Status400BadRequest, p.Message),
        };

    private static IResult NotFound(long batchId) => ApiErrors.Error(StatusCodes.Status404NotFound, $"bulk batch {batchId} not found");

    private static string Location(BulkBatch batch) => $"/api/admin{Path}/{batch.Id}";
}
