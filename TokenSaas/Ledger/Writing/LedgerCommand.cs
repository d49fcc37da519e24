namespace TokenSaas.Ledger.Writing;

/// <summary>One queued ledger operation and the caller waiting for its committed result.</summary>
internal abstract class LedgerCommand(long orderKey)
{
    /// <summary>Commands run in account order within a batch, so two instances lock rows in the same order.</summary>
    public long OrderKey { get; } = orderKey;

    public abstract void Execute(LedgerOperations operations);

    public abstract void Complete();

    public abstract void Fail(Exception exception);
}

internal sealed class LedgerCommand<T>(long orderKey, Func<LedgerOperations, LedgerResult<T>> operation)
    : LedgerCommand(orderKey)
{
    private readonly TaskCompletionSource<LedgerResult<T>> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LedgerResult<T> result;

    public Task<LedgerResult<T>> Task => completion.Task;

    public override void Execute(LedgerOperations operations)
    {
        // An operation outside the spend fast path reads and writes rows directly: the batch's
        // spends so far are written first, and what it read of any account is no longer trusted.
        operations.Batch.Flush();
        operations.Batch.ForgetAll();
        result = operation(operations);
    }

    public override void Complete() => completion.TrySetResult(result);

    public override void Fail(Exception exception) => completion.TrySetException(exception);
}
