using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Admin.Bulk;
using TokenSaas.Data;
using TokenSaas.Ledger;
using TokenSaas.Scheduling;

namespace TokenSaas.Pages.Admin.Jobs;

public sealed class IndexModel(AppDbContext db, TokenCalendar calendar, BulkQueries bulk) : PageModel
{
    private const int Shown = 50;
    private const int BatchesShown = 10;

    public IReadOnlyList<JobRun> Runs { get; private set; } = [];

    public IReadOnlyList<BulkBatch> Batches { get; private set; } = [];

    public string TimeZone => calendar.Zone.Id;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Runs = await db.JobRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(Shown).ToListAsync(cancellationToken);
        Batches = await bulk.RecentAsync(BatchesShown, cancellationToken);
    }
}
