namespace TokenSaas.Ledger.Writing;

/// <summary>Holds: reserve before an action runs, then capture on success or release on failure or timeout.</summary>
internal sealed partial class LedgerOperations
{
    public LedgerResult<HoldResult> Hold(string userId, string feature, long unitCost, int quantity, string key, string actor,
        TimeSpan timeout)
    {
        var account = OpenAccount(userId);
        var hash = Fingerprint("hold", feature, quantity);
        var state = Refresh(account, store.ReadAccount(account, key), key);
        if (state.PriorEntryId is not null && store.FindEntry(account, key) is { } prior)
        {
            if (prior.Type != LedgerEntryType.Hold || prior.RequestHash != hash || prior.HoldId is null)
            {
                return Conflict(key);
            }

            var existing = store.GetHold(prior.HoldId.Value)!;
            return new HoldResult(existing.Id, existing.Amount, existing.ExpiresAt, prior.BalanceAfter);
        }

        if (Throttle(account, state, unitCost * quantity) is { } limited)
        {
            return limited;
        }

        var debit = Debit(state, unitCost * quantity, out var allocations, out var balanceBefore);
        if (debit.Failure is { } failure)
        {
            return failure;
        }

        var expiresAt = now + timeout;
        var holdId = store.InsertHold(account, feature, quantity, debit.Value, expiresAt, now);
        var (_, balance) = AppendDebit(new NewEntry(account, LedgerEntryType.Hold, -debit.Value, key, actor,
            $"Reserved for {feature} × {quantity}", now)
        {
            Feature = feature,
            Quantity = quantity,
            HoldId = holdId,
            RequestHash = hash,
        }, allocations, balanceBefore);
        return new HoldResult(holdId, debit.Value, expiresAt, balance);
    }

    public LedgerResult<CaptureResult> Capture(string userId, long holdId, string actor)
    {
        var account = OpenAccount(userId);
        if (store.GetHold(holdId) is not { } hold || hold.AccountId != account)
        {
            return new LedgerFailure(LedgerError.NotFound, $"hold {holdId} not found");
        }

        if (store.FindEntry(account, SystemKeys.Capture(holdId)) is { } prior)
        {
            return new CaptureResult(prior.Id, hold.Amount, prior.BalanceAfter);
        }

        if (hold.Status != HoldStatus.Held)
        {
            return Settled(hold);
        }

        if (hold.ExpiresAt <= now)
        {
            ReleaseHold(hold, HoldStatus.Expired, SystemActor);
            return new LedgerFailure(LedgerError.HoldSettled, $"hold {holdId} expired; its tokens were returned");
        }

        SettleOrThrow(hold, HoldStatus.Captured);
        var (id, balance) = store.Append(new NewEntry(account, LedgerEntryType.Capture, 0, SystemKeys.Capture(holdId), actor,
            $"{hold.Feature}: charged {hold.Amount} reserved tokens", now)
        {
            Feature = hold.Feature,
            HoldId = hold.Id,
        });
        return new CaptureResult(id, hold.Amount, balance);
    }

    public LedgerResult<ReleaseResult> Release(string? userId, long holdId, string actor)
    {
        var hold = store.GetHold(holdId);
        if (hold is null || (userId is not null && hold.AccountId != OpenAccount(userId)))
        {
            return new LedgerFailure(LedgerError.NotFound, $"hold {holdId} not found");
        }

        if (store.FindEntry(hold.AccountId, SystemKeys.Release(holdId)) is { } prior)
        {
            return new ReleaseResult(prior.Amount, prior.BalanceAfter);
        }

        if (hold.Status != HoldStatus.Held)
        {
            return Settled(hold);
        }

        return ReleaseHold(hold, hold.ExpiresAt <= now ? HoldStatus.Expired : HoldStatus.Released, actor);
    }

    private LedgerResult<ReleaseResult> ReleaseHold(StoredHold hold, HoldStatus status, string actor)
    {
        SettleOrThrow(hold, status);
        var debit = store.FindHoldDebit(hold.Id)!;
        var (_, balance) = Reverse(debit, LedgerEntryType.Release, SystemKeys.Release(hold.Id), actor,
            status == HoldStatus.Expired ? $"{hold.Feature}: reservation timed out, tokens returned" : $"{hold.Feature}: reservation released",
            null, hold.Id);
        return new ReleaseResult(hold.Amount, balance);
    }

    private void SettleOrThrow(StoredHold hold, HoldStatus status)
    {
        if (!store.SettleHold(hold.Id, status, now))
        {
            throw new ConcurrentWriteException($"hold {hold.Id} changed while settling");
        }
    }

    private static LedgerFailure Settled(StoredHold hold) =>
        new(LedgerError.HoldSettled, $"hold {hold.Id} is already {hold.Status.ToString().ToLowerInvariant()}");
}
