using TokenSaas.Audit;
using TokenSaas.Promotions;

namespace TokenSaas.Api;

/// <summary>SPEC 10.4's reports: a promotion's uses per variant and currency over whole days of the site's time zone, and its fraud flags.</summary>
public static class AdminPromotionReportEndpoints
{
    public static void MapAdminPromotionReportEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapGet("/promotions/{id:long}/report", async (long id, string? from, string? to, PromotionReports reports, CancellationToken ct) =>
                await reports.GetAsync(id, from, to, ct) is var answer && answer.Report is { } report
                    ? Results.Json(Shape(report))
                    : Refused(answer))
            .WithSummary("Counted uses, gross, discount, net (minor units) and tokens per variant × currency and per day for from–to " +
                "(yyyy-MM-dd, site time zone; default the last 30 days, at most 731), totals per currency (\"none\": free tokens), " +
                "and the addresses and aliases flagged for review.");
        admin.MapGet("/promotions/{id:long}/report.csv", async (long id, string? from, string? to, HttpContext http, PromotionReports reports,
                CancellationToken ct) =>
            {
                var answer = await reports.GetAsync(id, from, to, ct);
                if (answer.Report is not { } report)
                {
                    return Refused(answer);
                }

                http.Response.ContentType = "text/csv; charset=utf-8";
                http.Response.Headers.ContentDisposition =
                    $"attachment; filename=\"promotion-{id}-{ReportRange.Text(report.From)}-{ReportRange.Text(report.To)}.csv\"";
                await reports.WriteCsvAsync(report, AdminActor.From(http), http.Response.Body, ct);
                return Results.Empty;
            })
            .WithSummary("The report's rows as CSV (variant,currency,redemptions,gross,discount,net,tokens; minor units); the download is audited.");
    }

    private static IResult Refused(ReportAnswer answer) => answer.Promotion is null
        ? ApiErrors.Error(StatusCodes.Status404NotFound, answer.Error!)
        : ApiErrors.Error(StatusCodes.Status400BadRequest, answer.Error!);

    private static object Shape(PromotionReport r) => new
    {
        promotion_id = r.Promotion.Id,
        from = ReportRange.Text(r.From),
        to = ReportRange.Text(r.To),
        rows = r.Rows.Select(Row),
        totals = r.Totals.ToDictionary(t => t.Currency ?? "none", t => Total(t.Figures)),
        days = r.Days.Select(d => new { date = ReportRange.Text(d.Date), redemptions = d.Redemptions, net = d.Net }),
        variants = r.Variants.Select(v => new
        {
            variant = v.Variant, assigned_share = v.AssignedShare, checkouts = v.Checkouts, converted = v.Converted,
            conversion = v.Conversion, redemptions = v.Redemptions, net = v.Net,
        }),
        reserved_now = r.ReservedNow,
        freed_in_range = r.FreedInRange,
        flags = new
        {
            ip_allowance = r.Flags.IpAllowance,
            ips = r.Flags.Ips.Select(f => new { ip = f.Ip, redemptions = f.Redemptions, users = f.Users }),
            aliases = r.Flags.Aliases.Select(a => new { identity = a.Identity, users = a.Users }),
        },
    };

    private static object Row(ReportRow row) => new
    {
        variant = row.Variant, currency = row.Currency, redemptions = row.Figures.Redemptions, gross = row.Figures.Gross,
        discount = row.Figures.Discount, net = row.Figures.Net, tokens = row.Figures.Tokens,
    };

    private static object Total(ReportFigures f) =>
        new { redemptions = f.Redemptions, gross = f.Gross, discount = f.Discount, net = f.Net, tokens = f.Tokens };
}
