using TokenSaas.Admin;
using TokenSaas.Audit;
using TokenSaas.Content;

namespace TokenSaas.Api;

public sealed record ContentDraftRequest(string? Markdown);

public sealed record ContentPublishRequest(string? Note, string? PublishAt, string? IdempotencyKey);

public sealed record ContentRestoreRequest(int? Version, string? IdempotencyKey);

/// <summary>SPEC 10.5's pricing content: a block ("intro" or a plan key) read, drafted, published (now or scheduled), its versions and restore.</summary>
public static class AdminContentEndpoints
{
    public static void MapAdminContentEndpoints(this RouteGroupBuilder admin)
    {
        var content = admin.MapGroup("/content/pricing/{planId}");
        content.MapGet("", async (string planId, ContentHistory history, CancellationToken ct) =>
                await history.TargetAsync(planId, ct) is { } target ? Results.Json(Shape(await history.BlockAsync(target, ct))) : NotFound(planId))
            .WithSummary("A pricing block (\"intro\" or a plan key): its draft and its published version, each null when there is none.");
        content.MapPut("", async (string planId, ContentDraftRequest? body, HttpContext http, ContentEditor editor, ContentHistory history,
                CancellationToken ct) =>
            {
                if (body is null)
                {
                    return CatalogueAnswers.NoBody;
                }

                var saved = await editor.SaveDraftAsync(planId, body.Markdown, AdminActor.From(http), ct);
                return saved.Succeeded ? Results.Json(Shape(await history.BlockAsync((await history.TargetAsync(planId, ct))!, ct))) : Refused(saved);
            })
            .WithSummary("Save the draft {markdown} (required, at most 100,000 characters); visitors see nothing of it until it is published.");
        content.MapPost("/publish", async (string planId, ContentPublishRequest? body, HttpContext http, ContentPublisher publisher, CancellationToken ct) =>
            {
                var result = await publisher.PublishAsync(planId, new PublishOrder(body?.Note, body?.IdempotencyKey, body?.PublishAt), AdminActor.From(http), ct);
                return !result.Succeeded ? Refused(result)
                    : result.Value!.Scheduled
                        ? Results.Json(new { version = result.Value.Version, publish_at = result.Value.PublishAt, status = "scheduled" })
                        : Results.Json(new { version = result.Value.Version, published_at = result.Value.PublishAt });
            })
            .WithSummary("Publish the draft as a new version {note?, publish_at? (future, site time or with an offset), idempotency_key?}.");
        content.MapGet("/versions", async (string planId, ContentHistory history, CancellationToken ct) =>
                await history.TargetAsync(planId, ct) is { } target
                    ? Results.Json(new
                    {
                        plan_id = target.PlanId,
                        items = (await history.VersionsAsync(target.Key, ct)).Select(v => new
                        {
                            version = v.Number, author = v.AuthorEmail, created_at = v.CreatedAt, publish_at = v.PublishAt, published_at = v.PublishedAt,
                            note = v.Note, status = v.Status.ToString().ToLowerInvariant(),
                        }),
                    })
                    : NotFound(planId))
            .WithSummary("Every version of a block, newest first: who, when, note and status (live, scheduled, cancelled, superseded).");
        content.MapPost("/restore", async (string planId, ContentRestoreRequest? body, HttpContext http, ContentEditor editor, CancellationToken ct) =>
            {
                if (body?.Version is not { } version)
                {
                    return ApiErrors.Error(StatusCodes.Status400BadRequest, "version is required.");
                }

                var result = await editor.RestoreAsync(planId, version, AdminActor.From(http), body.IdempotencyKey, ct);
                return result.Succeeded
                    ? Results.Json(new { plan_id = planId, draft = new { markdown = result.Value!.Markdown, updated_at = result.Value.UpdatedAt, updated_by = result.Value.UpdatedBy } })
                    : Refused(result);
            })
            .WithSummary("Copy an old version's text into the draft {version, idempotency_key?}; history is left as it is.");
    }

    private static object Shape(BlockView block) => new
    {
        plan_id = block.Target.PlanId,
        draft = block.Draft is { } d ? new { markdown = d.Markdown, updated_at = d.UpdatedAt, updated_by = d.UpdatedBy } : null,
        published = block.Published is { } p ? new { markdown = p.Markdown, html = p.Html, version = p.Version, published_at = p.PublishedAt } : null,
        scheduled = block.Scheduled is { } s ? new { version = s.Version, publish_at = s.PublishAt } : null,
    };

    private static IResult Refused<T>(EditResult<T> result) => CatalogueAnswers.From(result);

    private static IResult NotFound(string planId) =>
        ApiErrors.Error(StatusCodes.Status404NotFound, $"There is no plan '{planId}' on sale (use \"intro\" or a plan's key).");
}
