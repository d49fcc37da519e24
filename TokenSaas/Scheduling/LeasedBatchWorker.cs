using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;

namespace TokenSaas.Scheduling;

/// <summary>A row of long-running work that one instance at a time holds with a lease.</summary>
public interface ILeasedBatch
{
    long Id { get; }

    string? LeaseOwner { get; }

    DateTime? LeaseUntil { get; }
}

/// <summary>
/// A <see cref="LeasedJobWorker"/> over batch rows: claims the oldest batch with work left whose
/// lease is free or lapsed (a conditional update, so two instances never run one batch at once),
/// runs it, and releases the lease however the run ends, so the next run (here or elsewhere) need
/// not wait it out. A batch left by a crashed instance is taken over once its lease lapses.
/// </summary>
public abstract class LeasedBatchWorker<TBatch>(IServiceScopeFactory scopes, WakeSignal signal, TimeProvider clock, ILogger logger)
    : LeasedJobWorker(signal, logger) where TBatch : class, ILeasedBatch
{
    protected abstract TimeSpan LeaseLength { get; }

    /// <summary>The batches that still have work, leased or not.</summary>
    protected abstract IQueryable<TBatch> WithWork(AppDbContext db);

    /// <summary>Runs a batch this instance has claimed; it renews the lease as it goes.</summary>
    protected abstract Task RunAsync(IServiceProvider services, long batchId, string owner, CancellationToken cancellationToken);

    protected sealed override async Task<bool> RunNextAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var candidates = await Claimable(db, now).OrderBy(b => b.Id).Select(b => b.Id).Take(10).ToListAsync(cancellationToken);
        foreach (var id in candidates)
        {
            var until = now + LeaseLength;
            var claimed = await Claimable(db, now).Where(b => b.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.LeaseOwner, Instance).SetProperty(b => b.LeaseUntil, until), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }

            Logger.LogInformation("{Job} batch {BatchId} claimed by {Instance}", JobName, id, Instance);
            try
            {
                await RunAsync(scope.ServiceProvider, id, Instance, cancellationToken);
            }
            finally
            {
                await db.Set<TBatch>().Where(b => b.Id == id && b.LeaseOwner == Instance)
                    .ExecuteUpdateAsync(s => s.SetProperty(b => b.LeaseOwner, (string?)null).SetProperty(b => b.LeaseUntil, (DateTime?)null),
                        CancellationToken.None);
            }

            return true;
        }

        return false;
    }

    private IQueryable<TBatch> Claimable(AppDbContext db, DateTime now) =>
        WithWork(db).Where(b => b.LeaseUntil == null || b.LeaseUntil < now || b.LeaseOwner == Instance);
}
