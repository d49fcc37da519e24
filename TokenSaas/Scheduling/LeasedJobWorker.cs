namespace TokenSaas.Scheduling;

/// <summary>
/// The loop of a background job whose work items are claimed with a lease (bulk allocations,
/// promotion codes): run every item it can claim, then sleep until woken by its
/// <see cref="WakeSignal"/> or until <see cref="PollInterval"/> has passed (an item started by
/// another instance, a lease that lapsed). A failure is logged and retried on the next round.
/// </summary>
public abstract class LeasedJobWorker(WakeSignal signal, ILogger logger) : BackgroundService
{
    /// <summary>New on every start: a restarted process must not mistake a dead run's lease for its own.</summary>
    protected string Instance { get; } = NewInstanceName();

    protected ILogger Logger { get; } = logger;

    /// <summary>Names the job in the log.</summary>
    protected abstract string JobName { get; }

    protected abstract TimeSpan PollInterval { get; }

    /// <summary>Claims one item with work left and runs it; false when there was none to claim.</summary>
    protected abstract Task<bool> RunNextAsync(CancellationToken cancellationToken);

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
                Logger.LogError(ex, "The {Job} worker failed; it tries again within {Seconds} s", JobName, PollInterval.TotalSeconds);
            }

            await signal.WaitAsync(PollInterval, stoppingToken);
        }
    }

    /// <summary>An owner name for leases: unique to this process start, at most 100 characters (the lease columns' size).</summary>
    public static string NewInstanceName()
    {
        var name = $"{Guid.NewGuid():N}@{Environment.MachineName}:{Environment.ProcessId}";
        return name.Length <= 100 ? name : name[..100];
    }
}
