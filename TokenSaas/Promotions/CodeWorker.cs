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
    ILogger<CodeWorker> logger) : LeasedBatchWorker<CodeBatch>(scopes, signal, clock, logger)
{
    protected override string JobName => "promotion codes";

    protected override TimeSpan PollInterval => TimeSpan.FromSeconds(options.Value.PollSeconds);

    protected override TimeSpan LeaseLength => TimeSpan.FromSeconds(options.Value.LeaseSeconds);

    protected override IQueryable<CodeBatch> WithWork(AppDbContext db) =>
        db.PromotionCodeBatches.Where(b => b.Status == CodeBatchStatus.Running);

    protected override Task RunAsync(IServiceProvider services, long batchId, string owner, CancellationToken cancellationToken) =>
        services.GetRequiredService<CodeRunner>().RunAsync(batchId, owner, cancellationToken);
}
