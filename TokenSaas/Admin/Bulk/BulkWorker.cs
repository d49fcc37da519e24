using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TokenSaas.Data;

namespace TokenSaas.Admin.Bulk;

/// <summary>
/// Runs the batches that are <c>running</c> or <c>reversing</c>, whichever instance started them.
/// A batch is claimed with a lease (a conditional update, so two instances never run one batch at
/// once) that each checkpoint renews; a batch left behind by a stopped or crashed instance is taken
/// over when its lease lapses, which includes this instance's own batches after a restart. Woken at
/// once by <see cref="BulkSignal"/>, otherwise it looks every <see cref="BulkOptions.PollSeconds"/>.
/// </summary>
public sealed class BulkWorker(IServiceScopeFactory scopes, BulkSignal signal, TimeProvider clock, IOptions<BulkOptions> options,
    ILogger<BulkWorker> logger) : BackgroundService
{
    // New on every start: a restarted process must not mistake a dead run's lease for its own.
    private readonly string instance = NewInstanceName();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RunNextAsync(stoppingToken))
                {
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The bulk worker failed; it tries again within {Seconds} s", options.Value.PollSeconds);
            }

            await signal.WaitAsync(TimeSpan.FromSeconds(options.Value.PollSeconds), stoppingToken);
        }
    }

    /// <summary>Claims one batch with work left and runs it; false when there was none to claim.</summary>
    private async Task<bool> RunNextAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var candidates = await Claimable(db, now).OrderBy(b => b.Id).Select(b => b.Id).Take(10).ToListAsync(cancellationToken);
        foreach (var id in candidates)
        {
            var until = now.AddSeconds(options.Value.LeaseSeconds);
            var claimed = await Claimable(db, now).Where(b => b.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.LeaseOwner, instance).SetProperty(b => b.LeaseUntil, until), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }

            logger.LogInformation("Bulk batch {BatchId} claimed by {Instance}", id, instance);
            try
            {
                await scope.ServiceProvider.GetRequiredService<BulkRunner>().RunAsync(id, instance, cancellationToken);
            }
            finally
            {
                // Stopping or failing: let the next run (here or elsewhere) carry on without waiting out the lease.
                await db.BulkBatches.Where(b => b.Id == id && b.LeaseOwner == instance)
                    .ExecuteUpdateAsync(s => s.SetProperty(b => b.LeaseOwner, (string?)null).SetProperty(b => b.LeaseUntil, (DateTime?)null),
                        CancellationToken.None);
            }

            return true;
        }

        return false;
    }

    private IQueryable<BulkBatch> Claimable(AppDbContext db, DateTime now) =>
        db.BulkBatches.Where(b => (b.Status == BulkStatus.Running || b.Status == BulkStatus.Reversing)
                                  && (b.LeaseUntil == null || b.LeaseUntil < now || b.LeaseOwner == instance));

    private static string NewInstanceName()
    {
        var name = $"{Guid.NewGuid():N}@{Environment.MachineName}:{Environment.ProcessId}";
        return name.Length <= 100 ? name : name[..100];
    }
}
