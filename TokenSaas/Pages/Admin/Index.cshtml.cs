using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TokenSaas.Admin;
using TokenSaas.Analytics;
using TokenSaas.Promotions;

namespace TokenSaas.Pages.Admin;

public sealed class IndexModel(AdminOverviewQuery query, AnalyticsReport report, LiveActivity live) : PageModel
{
    public const int RecentCount = 10;

    public AdminOverview Overview { get; private set; } = null!;

    /// <summary>The last 7 days (today included) in the site's time zone.</summary>
    public AnalyticsFigures Week { get; private set; } = null!;

    public LiveFigures Live { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Overview = await query.GetAsync(cancellationToken);
        Week = await report.BuildAsync(ReportRange.Last(7, report.Today), cancellationToken);
        Live = await live.GetAsync(RecentCount, cancellationToken);
    }

    /// <summary>The live numbers, refreshed by htmx every few seconds.</summary>
    public async Task<IActionResult> OnGetLiveAsync(CancellationToken cancellationToken) =>
        Partial("_Live", await live.GetAsync(RecentCount, cancellationToken));
}
