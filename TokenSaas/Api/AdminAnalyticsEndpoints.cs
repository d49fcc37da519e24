using TokenSaas.Analytics;
using TokenSaas.Audit;
using TokenSaas.Promotions;

namespace TokenSaas.Api;

/// <summary>SPEC 10.6's JSON: the analytics figures for whole days from–to of the site's time zone.</summary>
public static class AdminAnalyticsEndpoints
{
    public static void MapAdminAnalyticsEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapGet("/analytics", async (string? from, string? to, AnalyticsReport report, CancellationToken ct) =>
                await report.GetAsync(from, to, ct) is var answer && answer.Figures is { } figures
                    ? Results.Json(Shape(figures))
                    : ApiErrors.Error(StatusCodes.Status400BadRequest, answer.Error!))
            .WithSummary("Revenue per day per currency (gross, discount, refunded, net; minor units), tokens granted (per bucket) and spent per day, " +
                "tokens spent per feature with cost and margin (minor units of Analytics:Currency), and users (registered, active, paying, conversion) " +
                "for from–to (yyyy-MM-dd, site time zone; default the last 30 days, at most 731).");
        admin.MapGet("/analytics/{what}.csv", async (string what, string? from, string? to, HttpContext http, AnalyticsReport report,
                AnalyticsCsv csv, CancellationToken ct) =>
            {
                if (!AnalyticsCsv.Tables.Contains(what))
                {
                    return ApiErrors.Error(StatusCodes.Status404NotFound, $"There is no analytics table \"{what}\"; try {string.Join(", ", AnalyticsCsv.Tables)}.");
                }

                var answer = await report.GetAsync(from, to, ct);
                if (answer.Figures is not { } figures)
                {
                    return ApiErrors.Error(StatusCodes.Status400BadRequest, answer.Error!);
                }

                http.Response.ContentType = "text/csv; charset=utf-8";
                http.Response.Headers.ContentDisposition =
                    $"attachment; filename=\"analytics-{what}-{ReportRange.Text(figures.Range.From)}-{ReportRange.Text(figures.Range.To)}.csv\"";
                await csv.WriteAsync(what, figures, AdminActor.From(http), http.Response.Body, ct);
                return Results.Empty;
            })
            .WithSummary("A table of the analytics page as CSV (what: revenue, tokens, features; minor units); the download is audited.");
    }

    public static object Shape(AnalyticsFigures f) => new
    {
        from = ReportRange.Text(f.Range.From),
        to = ReportRange.Text(f.Range.To),
        currency = f.Currency,
        revenue_per_token = f.RevenuePerToken is { } rpt ? Math.Round(rpt, 4) : (decimal?)null,
        revenue = f.Revenue.Select(d => new
        {
            date = ReportRange.Text(d.Date), currency = d.Currency, gross = d.Gross, discount = d.Discount, refunded = d.Refunded, net = d.Net,
        }),
        tokens = f.Tokens.Select(d => new { date = ReportRange.Text(d.Date), granted = d.Granted, spent = d.Spent, granted_by_bucket = d.GrantedByBucket }),
        by_feature = f.Features.Select(x => new
        {
            feature = x.Feature, uses = x.Uses, tokens = x.Tokens, cost = x.Cost, margin = x.Margin, cost_per_use = x.CostPerUse, revenue = x.Revenue,
        }),
        users = new
        {
            registered = f.Users.Registered, active = f.Users.Active, paying = f.Users.Paying, conversion = f.Users.Conversion,
            registered_in_range = f.Users.RegisteredInRange,
        },
        totals = f.Totals.Select(t => new
        {
            currency = t.Currency, gross = t.Gross, discount = t.Discount, refunded = t.Refunded, net = t.Net, paying = t.Paying, arppu = t.Arppu,
        }),
        promotions = f.Promotions.Select(p => new
        {
            promotion_id = p.PromotionId, name = p.Name, currency = p.Currency, redemptions = p.Redemptions, discount = p.Discount, net = p.Net, tokens = p.Tokens,
        }),
    };
}
