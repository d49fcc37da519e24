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
    ILogger<BulkWorker> logger) : LeasedBatchWorker<BulkBatch>(scopes, signal, clock, logger)
{
    protected override string JobName => "bulk";

    protected override TimeSpan PollInterval => TimeSpan.FromSeconds(options.Value.PollSeconds);

    protected override TimeSpan LeaseLength => TimeSpan.FromSeconds(options.Value.LeaseSeconds);

    protected override IQueryable<BulkBatch> WithWork(AppDbContext db) =>
        db.BulkBatches.Where(b => b.Status == BulkStatus.Running || b.Status == BulkStatus.Reversing);

    protected override Task RunAsync(IServiceProvider services, long batchId, string owner, CancellationToken cancellationToken) =>
        services.GetRequiredService<BulkRunner>().RunAsync(batchId, owner, cancellationToken);
}
