using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TokenSaas.Analytics.Exports;
using TokenSaas.Infrastructure;
using TokenSaas.Promotions;

namespace TokenSaas.Pages.Admin.Exports;

public sealed class IndexModel(CsvExports exports) : PageModel
{
    /// <summary>yyyy-MM-dd in the site's time zone, inclusive; empty: the last 30 days.</summary>
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    public ReportRange? Range { get; private set; }

    public string? Error { get; private set; }

    public DateOnly Today { get; private set; }

    public void OnGet()
    {
        Today = exports.Today;
        // The range is checked as the downloads will check it; any export name will do.
        var answer = exports.Prepare(ExportCatalog.Ledger.Name, From, To);
        (Range, Error) = (answer.Request?.Range, answer.Error);
        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    public static string RangeUrl(DateOnly from, DateOnly to) =>
        QueryInput.Url("/admin/exports", ("from", ReportRange.Text(from)), ("to", ReportRange.Text(to)));

    public string DownloadUrl(ExportKind kind) => ExportRequest.Url(kind.Name, Range!.From, Range.To);
}
