using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TokenSaas.Analytics;
using TokenSaas.Infrastructure;
using TokenSaas.Promotions;

namespace TokenSaas.Pages.Admin.Analytics;

public sealed class IndexModel(AnalyticsReport report) : PageModel
{
    public const int TopCount = 10;

    /// <summary>yyyy-MM-dd in the site's time zone, inclusive; empty: the last 30 days.</summary>
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    public AnalyticsFigures? Figures { get; private set; }

    public string? Error { get; private set; }

    public DateOnly Today { get; private set; }

    /// <summary>The whole page, or (htmx: a quick range or the range form) just the figures region.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var answer = await report.GetAsync(From, To, cancellationToken);
        (Figures, Error, Today) = (answer.Figures, answer.Error, report.Today);
        Response.Headers.Vary = "HX-Request";
        if (Error is not null)
        {
            // htmx swaps only 2xx answers; the message is what the admin needs to see either way.
            Response.StatusCode = Request.IsHtmx() ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
        }

        return Request.IsHtmx() ? Partial("_Figures", this) : Page();
    }

    /// <summary>The range's top spenders, loaded after the figures (they are read from the ledger, not the rollup).</summary>
    public async Task<IActionResult> OnGetTopSpendersAsync(CancellationToken cancellationToken)
    {
        var (range, error) = ReportRange.Parse(From, To, report.Today);
        return range is null
            ? BadRequest(error!)
            : Partial("_TopSpenders", await report.TopSpendersAsync(range, TopCount, cancellationToken));
    }

    public static string RangeUrl(DateOnly from, DateOnly to) => Link("/admin/analytics", from, to);

    public static string TopSpendersUrl(ReportRange range) =>
        QueryInput.Url("/admin/analytics", ("handler", "TopSpenders"), ("from", ReportRange.Text(range.From)), ("to", ReportRange.Text(range.To)));

    public static string PromotionReportUrl(long id, ReportRange range) => Link($"/admin/promotions/{id}/report", range.From, range.To);

    public static string CsvUrl(string what, ReportRange range) => Link($"/api/admin/analytics/{what}.csv", range.From, range.To);

    private static string Link(string path, DateOnly from, DateOnly to) =>
        QueryInput.Url(path, ("from", ReportRange.Text(from)), ("to", ReportRange.Text(to)));
}
