using Microsoft.Extensions.Options;
using TokenSaas.Data;

namespace TokenSaas.Ledger.Writing;

/// <summary>
/// Where ledger writes happen in this process: one or more <see cref="LedgerLane"/>s, each a
/// thread committing batches. A user's operations always go to the same lane, in order.
/// SQLite has one write lock, so it gets one lane; PostgreSQL locks rows, and its lanes are as
/// safe as separate app instances (every debit is a conditional update), so it gets several.
/// </summary>
public sealed class LedgerWriter : IDisposable
{
    private readonly LedgerLane[] lanes;
    private readonly AccountDirectory accounts;

    public LedgerWriter(LedgerConnections connections, AccountDirectory accounts, TimeProvider clock,
        IOptions<TokensOptions> options, TokenCalendar calendar, ILogger<LedgerWriter> logger)
    {
        this.accounts = accounts;
        var count = connections.Provider == DatabaseProvider.Sqlite ? 1 : Math.Max(1, options.Value.PostgresWriters);
        LedgerPolicy Policy() => new(options.Value.WelcomeBonus, options.Value.DailyFree, calendar);
        lanes = Enumerable.Range(0, count)
            .Select(i => new LedgerLane(i, connections, accounts, clock, Policy, logger))
            .ToArray();
    }

    internal Task<LedgerResult<T>> RunAsync<T>(string? userId, Func<LedgerOperations, LedgerResult<T>> operation)
    {
        var command = new LedgerCommand<T>(OrderKey(userId), operation);
        return Queue(userId, command, command.Task);
    }

    internal Task<LedgerResult<SpendResult>> SpendAsync(SpendRequest request)
    {
        var command = new SpendCommand(OrderKey(request.UserId), request);
        return Queue(request.UserId, command, command.Task);
    }

    private long OrderKey(string? userId) => userId is null ? 0 : accounts.Find(userId) ?? long.MaxValue;

    private Task<T> Queue<T>(string? userId, LedgerCommand command, Task<T> result)
    {
        var lane = userId is null ? lanes[0] : lanes[(userId.GetHashCode() & int.MaxValue) % lanes.Length];
        return lane.TryQueue(command)
            ? result
            : Task.FromException<T>(new ObjectDisposedException(nameof(LedgerWriter), "The ledger is shutting down."));
    }

    public void Dispose()
    {
        foreach (var lane in lanes)
        {
            lane.Dispose();
        }
    }
}
