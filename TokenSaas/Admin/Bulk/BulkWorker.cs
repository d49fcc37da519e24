using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TokenSaas.Data;
using TokenSaas.Scheduling;

namespace TokenSaas.Admin.Bulk;

/// <summary>
/// Runs the batches that are <c>running</c> or <c>reversing</c>, whichever instance started them.
/// A batch is claimed with a lease (a conditional update, so two instances never run one batch at
/// once) that each checkpoint renews; a batch left behind by a stopped or crashed instance is taken
/// over when its lease lapses, which includes this instance's own batches after a restart. Woken at
/// once by <see cref="BulkSignal"/>, otherwise it looks every <see cref="BulkOptions.PollSeconds"/>.
/// </summary>
public sealed class BulkWorker(IServiceScopeFactory scopes, BulkSignal signal, TimeProvider clock, IOptions<BulkOptions> options,
    ILogger<BulkWorker> logger) : LeasedJobWorker(signal, logger)
{
    protected override string JobName => "bulk";

    protected override TimeSpan PollInterval => TimeSpan.FromSeconds(options.Value.PollSeconds);

    /// <summary>Claims one batch with work left and runs it; false when there was none to claim.</summary>
    protected override async Task<bool> RunNextAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var candidates = await Claimable(db, now).OrderBy(b => b.Id).Select(b => b.Id).Take(10).ToListAsync(cancellationToken);
        foreach (var id in candidates)
        {
            var until = now.AddSeconds(options.Value.LeaseSeconds);
            var claimed = await Claimable(db, now).Where(b => b.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.LeaseOwner, Instance).SetProperty(b => b.LeaseUntil, until), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }

            logger.LogInformation("Bulk batch {BatchId} claimed by {Instance}", id, Instance);
            try
            {
                await scope.ServiceProvider.GetRequiredService<BulkRunner>().RunAsync(id, Instance, cancellationToken);
            }
            finally
            {
                // Stopping or failing: let the next run (here or elsewhere) carry on without waiting out the lease.
                await db.BulkBatches.Where(b => b.Id == id && b.LeaseOwner == Instance)
                    .ExecuteUpdateAsync(s => s.SetProperty(b => b.LeaseOwner, (string?)null).SetProperty(b => b.LeaseUntil, (DateTime?)null),
                        CancellationToken.None);
            }

            return true;
        }

        return false;
    }

    private IQueryable<BulkBatch> Claimable(AppDbContext db, DateTime now) =>
        db.BulkBatches.Where(b => (b.Status == BulkStatus.Running || b.Status == BulkStatus.Reversing)
                                  && (b.LeaseUntil == null || b.LeaseUntil < now || b.LeaseOwner == Instance));
}
