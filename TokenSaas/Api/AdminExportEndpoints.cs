using TokenSaas.Analytics.Exports;
using TokenSaas.Audit;

namespace TokenSaas.Api;

/// <summary>SPEC 10.6's exports: CSV of ledger entries, payments, users, promotions or redemptions for a range, streamed.</summary>
public static class AdminExportEndpoints
{
    public static void MapAdminExportEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapGet("/exports/{what}.csv", async (string what, string? from, string? to, HttpContext http, CsvExports exports,
                CancellationToken ct) =>
            {
                var answer = exports.Prepare(what, from, to);
                if (answer.Request is not { } request)
                {
                    return ApiErrors.Error(answer.UnknownKind ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest, answer.Error!);
                }

                http.Response.ContentType = "text/csv; charset=utf-8";
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"{request.FileName}\"";
                await exports.WriteAsync(request, AdminActor.From(http), http.Response.Body, ct);
                return Results.Empty;
            })
            .WithSummary("what: ledger, payments, users, promotions or redemptions; from–to yyyy-MM-dd (site time zone, inclusive; " +
                "default the last 30 days, at most 731). Streamed in time order, no row limit; the download is audited.");
    }
}
