using System.Globalization;
using TokenSaas.Analytics;
using TokenSaas.Audit;

namespace TokenSaas.Api;

/// <summary>/api/admin/alerts: unusual spending and failed-payment spikes, and acknowledging them.</summary>
public static class AdminAlertEndpoints
{
    private const int DefaultLimit = 50;

    public static void MapAdminAlertEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapGet("/alerts", ListAsync)
            .WithSummary("Alerts, open (unacknowledged) first then newest; status = open | acknowledged | all (default all); page from 1, limit 1–100.");
        admin.MapPost("/alerts/{id}/acknowledge", AcknowledgeAsync)
            .WithSummary("Acknowledge an alert (audited once; acknowledging again changes nothing).");
    }

    private static async Task<IResult> ListAsync(string? status, string? page, string? limit, AlertBoard board, CancellationToken ct)
    {
        if (!AlertBoard.TryParseStatus(status ?? "all", out var filter))
        {
            return ApiErrors.Error(StatusCodes.Status400BadRequest, "status must be open, acknowledged or all");
        }

        if (!Whole(page, 1, 1, int.MaxValue, out var number))
        {
            return ApiErrors.Error(StatusCodes.Status400BadRequest, "page must be a whole number of at least 1");
        }

        if (!Whole(limit, DefaultLimit, 1, AlertBoard.MaxPageSize, out var size))
        {
            return ApiErrors.Error(StatusCodes.Status400BadRequest, $"limit must be a whole number from 1 to {AlertBoard.MaxPageSize}");
        }

        var result = await board.PageAsync(filter, number, size, ct);
        return Results.Json(new
        {
            items = result.Items.Select(r => new
            {
                id = r.Alert.Id, kind = r.Alert.Kind, user_id = r.Alert.UserId, detail = r.Alert.Detail, at = r.Alert.StartedAt,
                acknowledged = r.Acknowledged, window = r.Alert.Window, observed = r.Alert.Observed, threshold = r.Alert.Threshold,
                last_seen_at = r.Alert.LastSeenAt, ended_at = r.Alert.EndedAt, acknowledged_at = r.Alert.AcknowledgedAt,
                acknowledged_by = r.Alert.AcknowledgedBy,
            }),
            next_page = result.HasMore ? number + 1 : (int?)null,
        });
    }

    private static async Task<IResult> AcknowledgeAsync(string id, HttpContext context, AlertBoard board, CancellationToken ct)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var alertId) || alertId <= 0)
        {
            return ApiErrors.Error(StatusCodes.Status400BadRequest, "id must be an alert's id (a whole number)");
        }

        return await board.AcknowledgeAsync(alertId, AdminActor.From(context), ct) switch
        {
            AcknowledgeOutcome.NotFound => ApiErrors.Error(StatusCodes.Status404NotFound, $"There is no alert {alertId}."),
            var outcome => Results.Json(new { id = alertId, acknowledged = true, already = outcome == AcknowledgeOutcome.AlreadyAcknowledged }),
        };
    }

    private static bool Whole(string? text, int fallback, int min, int max, out int value)
    {
        value = fallback;
        return text is null || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max);
    }
}
