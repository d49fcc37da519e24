using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TokenSaas.Data;
using TokenSaas.Scheduling;

namespace TokenSaas.Promotions;

/// <summary>Wakes the <see cref="CodeWorker"/> at once when a large code batch starts in this instance.</summary>
public sealed class CodeSignal : WakeSignal;

/// <summary>
/// Makes the codes of running batches, whichever instance started them. A batch is claimed with a
/// lease (a conditional update) that each chunk renews; a batch left by a stopped or crashed
/// instance, or by a request that made a small batch inline and died, is taken over once its lease
/// lapses, this instance's own after a restart included.
/// </summary>
public sealed class CodeWorker(IServiceScopeFactory scopes, CodeSignal signal, TimeProvider clock, IOptions<CodeOptions> options,
    ILogger<CodeWorker> logger) : LeasedJobWorker(signal, logger)
{
    protected override string JobName => "promotion codes";

    protected override TimeSpan PollInterval => TimeSpan.FromSeconds(options.Value.PollSeconds);

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

            logger.LogInformation("Code batch {BatchId} claimed by {Instance}", id, Instance);
            await scope.ServiceProvider.GetRequiredService<CodeRunner>().RunReleasingAsync(id, Instance, cancellationToken);
            return true;
        }

        return false;
    }

    private IQueryable<CodeBatch> Claimable(AppDbContext db, DateTime now) =>
        db.PromotionCodeBatches.Where(b => b.Status == CodeBatchStatus.Running
                                           && (b.LeaseUntil == null || b.LeaseUntil < now || b.LeaseOwner == Instance));
}
