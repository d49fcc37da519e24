using System.Diagnostics;
using System.Threading.Channels;
using TokenSaas.Data;

namespace TokenSaas.Ledger.Writing;

/// <summary>
/// One writer thread with its own queue and connection. It takes whatever has queued up (up to
/// <see cref="MaxBatch"/>), runs it in one transaction and commits once, so a single durable
/// commit covers many operations. See Ledger/README.md.
/// </summary>
internal sealed class LedgerLane : IDisposable
{
    public const int MaxBatch = 256;
    private const int Attempts = 3;

    /// <summary>How late the admin list's keys may be while the writer is busy (when idle, they are copied in the same commit).</summary>
    private static readonly TimeSpan ListKeysLag = TimeSpan.FromSeconds(1);

    private readonly Channel<LedgerCommand> queue =
        Channel.CreateUnbounded<LedgerCommand>(new UnboundedChannelOptions { SingleReader = true });
    private readonly LedgerConnections connections;
    private readonly AccountDirectory accounts;
    private readonly TimeProvider clock;
    private readonly Func<LedgerPolicy> policy;
    private readonly ILogger logger;
    private readonly Thread thread;
    private LedgerStore? store;
    private readonly HashSet<long> unlistedAccounts = [];
    private long listedAt;
    private bool listChecked;
    private int waiting;

    public LedgerLane(int number, LedgerConnections connections, AccountDirectory accounts, TimeProvider clock,
        Func<LedgerPolicy> policy, ILogger logger)
    {
        this.connections = connections;
        this.accounts = accounts;
        this.clock = clock;
        this.policy = policy;
        this.logger = logger;
        thread = new Thread(Run) { IsBackground = true, Name = $"ledger-writer-{number}" };
        thread.Start();
    }

    public bool TryQueue(LedgerCommand command)
    {
        // Counted here because a single-reader channel cannot count itself.
        Interlocked.Increment(ref waiting);
        if (queue.Writer.TryWrite(command))
        {
            return true;
        }

        Interlocked.Decrement(ref waiting);
        return false;
    }

    public void Dispose()
    {
        queue.Writer.TryComplete();
        if (!thread.Join(TimeSpan.FromSeconds(30)))
        {
            logger.LogError("Ledger writer {Thread} did not finish its queue within 30 seconds of shutdown", thread.Name);
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
                Interlocked.Decrement(ref waiting);
                batch.Add(command);
            }

            batch.Sort((a, b) => a.OrderKey.CompareTo(b.OrderKey));
            try
            {
                Commit(batch);
            }
            catch (Exception ex)
            {
                // One bad command, a lost race with another writer, or a dropped connection:
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
            catch (Exception ex) when (Contention.IsLostRace(ex) && attempt < Contention.MaxAttempts)
            {
                // Another instance wrote the same rows first: its write is committed, so trying
                // again reads it and goes on from there. The caller waits; it is never told "error".
                logger.LogDebug(ex, "Ledger operation lost a race (attempt {Attempt}); retrying", attempt);
                Reset();
                Thread.Sleep(Contention.Backoff(attempt));
            }
            catch (Exception ex) when (!Contention.IsLostRace(ex) && attempt < Attempts)
            {
                logger.LogWarning(ex, "Ledger operation failed (attempt {Attempt} of {Attempts}); retrying", attempt, Attempts);
                Reset();
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Ledger operation failed after {Attempts} attempts; nothing was written", attempt);
                Reset();
                command.Fail(ex);
                return;
            }
        }
    }

    private void Commit(List<LedgerCommand> commands)
    {
        store ??= Open();
        var batch = accounts.StartBatch();
        var operations = new LedgerOperations(store, clock.GetUtcNow().UtcDateTime, batch, policy());
        bool listed;
        using (var transaction = store.Begin())
        {
            try
            {
                operations.Batch.Load(commands.OfType<SpendCommand>().ToList());
                commands.ForEach(c => c.Execute(operations));
                operations.Batch.Flush();
                listed = ListChangedAccounts(store);
                transaction.Commit();
            }
            finally
            {
                store.EndTransaction();
            }
        }

        NoteListed(store, listed);
        batch.Commit();
        commands.ForEach(c => c.Complete());
    }

    private LedgerStore Open()
    {
        var opened = new LedgerStore(connections.OpenForWriter());
        try
        {
            if (!listChecked)
            {
                // A writer stopped between a commit and the copy that would have followed it leaves keys behind.
                using var transaction = opened.Begin();
                opened.CopyAllListKeys();
                transaction.Commit();
                opened.EndTransaction();
                listChecked = true;
            }

            return opened;
        }
        catch
        {
            opened.Dispose();
            throw;
        }
    }

    // The admin list's keys: copied in this transaction when nothing else is waiting (so a quiet site's
    // list is exact) or a second has passed; otherwise the accounts wait for a later batch, so a busy
    // account's keys are written once a second rather than once a batch.
    private bool ListChangedAccounts(LedgerStore writing)
    {
        if (Volatile.Read(ref waiting) > 0 && Stopwatch.GetElapsedTime(listedAt) < ListKeysLag)
        {
            return false;
        }

        writing.CopyListKeys([.. unlistedAccounts.Union(writing.ChangedAccounts)]);
        return true;
    }

    private void NoteListed(LedgerStore written, bool listed)
    {
        if (listed)
        {
            unlistedAccounts.Clear();
            listedAt = Stopwatch.GetTimestamp();
        }
        else
        {
            unlistedAccounts.UnionWith(written.ChangedAccounts);
        }
    }

    private void Reset()
    {
        store?.Dispose();
        store = null;
    }
}
