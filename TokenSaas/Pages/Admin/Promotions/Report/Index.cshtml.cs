using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TokenSaas.Infrastructure;
using TokenSaas.Promotions;

namespace TokenSaas.Pages.Admin.Promotions.Report;

public sealed class IndexModel(PromotionReports reports) : PageModel
{
    /// <summary>yyyy-MM-dd in the site's time zone, inclusive; empty: the last 30 days.</summary>
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    public Promotion Promotion { get; private set; } = null!;

    public PromotionReport? Report { get; private set; }

    public string? Error { get; private set; }

    public DateOnly Today { get; private set; }

    /// <summary>The whole page, or (htmx: a quick range or the range form) just the report.</summary>
    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var answer = await reports.GetAsync(id, From, To, cancellationToken);
        if (answer.Promotion is null)
        {
            return NotFound();
        }

        (Promotion, Report, Error, Today) = (answer.Promotion, answer.Report, answer.Error, reports.Today);
        Response.Headers.Vary = "HX-Request";
        return Request.IsHtmx() ? Partial("_Report", this) : Page();
    }

    public string RangeUrl(DateOnly from, DateOnly to) => Link($"/admin/promotions/{Promotion.Id}/report", from, to);

    public string CsvUrl(PromotionReport report) => Link($"/api/admin/promotions/{Promotion.Id}/report.csv", report.From, report.To);

    private static string Link(string path, DateOnly from, DateOnly to) =>
        QueryInput.Url(path, ("from", ReportRange.Text(from)), ("to", ReportRange.Text(to)));
}
