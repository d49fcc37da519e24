using System.Threading.Channels;
using TokenSaas.Data;
using Microsoft.Extensions.Options;

namespace TokenSaas.Ledger.Writing;

/// <summary>
/// The one place ledger writes happen in this process. Callers queue operations; a dedicated
/// thread takes whatever has queued up (up to <see cref="MaxBatch"/>), runs it in one
/// transaction and commits once, so a single durable commit covers many operations. See
/// Ledger/README.md for why, and for what keeps it correct with several app instances.
/// </summary>
public sealed class LedgerWriter : IDisposable
{
    public const int MaxBatch = 256;
    private const int Attempts = 3;

    private readonly Channel<LedgerCommand> queue =
        Channel.CreateUnbounded<LedgerCommand>(new UnboundedChannelOptions { SingleReader = true });
    private readonly LedgerConnections connections;
    private readonly AccountDirectory accounts;
    private readonly TimeProvider clock;
    private readonly IOptions<TokensOptions> options;
    private readonly ILogger<LedgerWriter> logger;
    private readonly Thread thread;
    private LedgerStore? store;

    public LedgerWriter(LedgerConnections connections, AccountDirectory accounts, TimeProvider clock,
        IOptions<TokensOptions> options, ILogger<LedgerWriter> logger)
    {
        this.connections = connections;
        this.accounts = accounts;
        this.clock = clock;
        this.options = options;
        this.logger = logger;
        thread = new Thread(Run) { IsBackground = true, Name = "ledger-writer" };
        thread.Start();
    }

    internal Task<LedgerResult<T>> RunAsync<T>(string? userId, Func<LedgerOperations, LedgerResult<T>> operation)
    {
        var command = new LedgerCommand<T>(userId is null ? 0 : accounts.Find(userId) ?? long.MaxValue, operation);
        return queue.Writer.TryWrite(command)
            ? command.Task
            : Task.FromException<LedgerResult<T>>(new ObjectDisposedException(nameof(LedgerWriter), "The ledger is shutting down."));
    }

    public void Dispose()
    {
        queue.Writer.TryComplete();
        if (!thread.Join(TimeSpan.FromSeconds(30)))
        {
            logger.LogError("The ledger writer did not finish its queue within 30 seconds of shutdown");
        }
    }

    private void Run()
    {
        var batch = new List<LedgerCommand>(MaxBatch);
        while (queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var command))
            {
                batch.Add(command);
            }

            batch.Sort((a, b) => a.OrderKey.CompareTo(b.OrderKey));
            try
            {
                Commit(batch);
            }
            catch (Exception ex)
            {
                // One bad command, a lost race with another instance, or a dropped connection:
                // run the batch again one command at a time so only a failing one fails.
                logger.LogWarning(ex, "A ledger batch of {Count} failed; retrying its commands one by one", batch.Count);
                Reset();
                batch.ForEach(CommitAlone);
            }
        }

        Reset();
    }

    private void CommitAlone(LedgerCommand command)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Commit([command]);
                return;
            }
            catch (Exception ex) when (attempt < Attempts)
            {
                logger.LogWarning(ex, "Ledger operation failed (attempt {Attempt} of {Attempts}); retrying", attempt, Attempts);
                Reset();
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Ledger operation failed after {Attempts} attempts; nothing was written", Attempts);
                Reset();
                command.Fail(ex);
                return;
            }
        }
    }

    private void Commit(List<LedgerCommand> commands)
    {
        store ??= new LedgerStore(connections.OpenForWriter());
        var batch = accounts.StartBatch();
        var operations = new LedgerOperations(store, clock.GetUtcNow().UtcDateTime, batch, options.Value.WelcomeBonus);
        using (var transaction = store.Begin())
        {
            try
            {
                commands.ForEach(c => c.Execute(operations));
                transaction.Commit();
            }
            finally
            {
                store.EndTransaction();
            }
        }

        batch.Commit();
        commands.ForEach(c => c.Complete());
    }

    private void Reset()
    {
        store?.Dispose();
        store = null;
    }
}
