namespace TokenSaas.Ledger.Writing;

/// <summary>
/// A spend, queued as data rather than as a closure so the lane can read every account a batch
/// needs in one query and the <see cref="SpendBatch"/> can apply it in memory. Its entry id is
/// known only once the batch's entries are written, so its answer is made at completion.
/// </summary>
internal sealed class SpendCommand(long orderKey, SpendRequest request) : LedgerCommand(orderKey)
{
    private readonly TaskCompletionSource<LedgerResult<SpendResult>> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LedgerResult<SpendResult> result;
    private PendingSpend? pending;

    public SpendRequest Request => request;

    public Task<LedgerResult<SpendResult>> Task => completion.Task;

    /// <summary>Whether the batch answered this spend in memory (the fast path) rather than the per-operation rules.</summary>
    public bool DecidedInBatch { get; private set; }

    public override void Execute(LedgerOperations operations)
    {
        pending = null;
        DecidedInBatch = operations.Batch.TrySpend(OrderKey, request, out var outcome);
        if (DecidedInBatch)
        {
            (pending, result) = (outcome.Pending, outcome.Result);
            return;
        }

        // The full rules may write to this account (a new day's allowance, an expiry): what the
        // batch read of it is stale after that.
        operations.Batch.Flush();
        operations.Batch.Forget(OrderKey);
        result = operations.Spend(request);
    }

    public override void Complete() =>
        completion.TrySetResult(pending is { } spend ? new SpendResult(spend.EntryId, request.Feature, spend.Amount, spend.BalanceAfter) : result);

    public override void Fail(Exception exception) => completion.TrySetException(exception);
}

/// <summary>What a caller asked to spend: <paramref name="Quantity"/> units of a feature at its catalogue cost, under a key.</summary>
internal sealed record SpendRequest(string UserId, string Feature, long UnitCost, int Quantity, string Key, string Actor)
{
    public long Amount => UnitCost * Quantity;

    public string Hash { get; } = Fingerprint(Feature, Quantity);

    /// <summary>The entry's description, as every spend writes it.</summary>
    public string Description => Describe(Feature, Quantity);

    public static string Describe(string feature, int quantity) => $"{feature} × {quantity}";

    public static string Fingerprint(string feature, int quantity) => LedgerOperations.Fingerprint("spend", feature, quantity);
}
