using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using TokenSaas.Audit;

namespace TokenSaas.Api;

/// <summary>/api/admin/audit: the audit log, newest first, and the check of its hash chain.</summary>
public static class AdminAuditEndpoints
{
    public static void MapAdminAuditEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapGet("/audit", ListAsync)
            .WithSummary("Audit rows, newest first, filtered by action and target; page with `after` = the previous page's `next`.");
        admin.MapGet("/audit/verify", async (AuditVerifier verifier, CancellationToken ct) =>
            {
                var report = await verifier.VerifyAsync(ct);
                return Results.Json(new
                {
                    rows_checked = report.RowsChecked,
                    first_broken = report.FirstBroken?.Id,
                    problem = report.FirstBroken?.Problem,
                });
            })
            .WithSummary("Check the audit log's hash chain; first_broken is null when it is intact.");
    }

    private static async Task<IResult> ListAsync(string? action, [FromQuery(Name = "target_type")] string? targetType,
        [FromQuery(Name = "target_id")] string? targetId, string? limit, string? after, AuditQuery audit, CancellationToken ct)
    {
        var size = AuditFilter.DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size)
                || size is < 1 or > AuditFilter.MaxLimit))
        {
            return ApiErrors.Error(StatusCodes.Status400BadRequest, $"limit must be a whole number from 1 to {AuditFilter.MaxLimit}");
        }

        long? cursor = null;
        if (after is not null)
        {
            if (!long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed <= 0)
            {
                return ApiErrors.Error(StatusCodes.Status400BadRequest, "after must be the `next` value of a previous page");
            }

            cursor = parsed;
        }

        var page = await audit.PageAsync(new AuditFilter
        {
            Action = Blank(action), TargetType = Blank(targetType), TargetId = Blank(targetId), After = cursor, Limit = size,
        }, ct);
        return Results.Json(new
        {
            items = page.Items.Select(e => new
            {
                id = e.Id, at = e.At, actor_email = e.ActorEmail, action = e.Action, target_type = e.TargetType,
                target_id = e.TargetId, before = Json(e.Before), after = Json(e.After), reason = e.Reason, ip = e.Ip, hash = e.Hash,
            }),
            next = page.Next?.ToString(CultureInfo.InvariantCulture),
        });
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    // Before and after go out as JSON, not as strings holding JSON; a row that is not JSON (edited by
    // hand, which verify reports) still goes out, as the text it holds.
    private static JsonNode? Json(string? text)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
