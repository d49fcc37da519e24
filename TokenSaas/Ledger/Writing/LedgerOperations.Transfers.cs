namespace TokenSaas.Ledger.Writing;

/// <summary>Tokens moving between users (gifts) and back from a refunded payment or a reversed bulk batch (clawbacks).</summary>
internal sealed partial class LedgerOperations
{
    /// <summary>
    /// A gift: tokens leave the giver's purchased and bonus grants (never the daily allowance or
    /// the plan quota, which are not theirs to give) and arrive as a bonus grant for the receiver.
    /// Both sides are written in one transaction, once per key.
    /// </summary>
    public LedgerResult<GiftResult> Gift(string fromUserId, string toUserId, long amount, string key, string note)
    {
        var from = OpenAccount(fromUserId);
        var hash = Fingerprint("gift", toUserId, amount);
        var state = Refresh(from, store.ReadAccount(from, key), key);
        if (state.PriorEntryId is not null && store.FindEntry(from, key) is { } prior)
        {
            return prior.Type == LedgerEntryType.GiftOut && prior.RequestHash == hash
                ? new GiftResult(prior.Id, -prior.Amount, prior.BalanceAfter)
                : Conflict(key);
        }

        var giftable = state.Grants.Where(g => g.Bucket is GrantBucket.Bonus or GrantBucket.Purchased).ToList();
        if (SpendingOrder.Allocate(giftable, amount, now) is not { } allocations)
        {
            return new LedgerFailure(LedgerError.InsufficientTokens,
                $"you can give at most {SpendingOrder.Live(giftable, now):N0} tokens (bought or bonus ones)", SpendingOrder.Live(giftable, now), amount);
        }

        var to = OpenAccount(toUserId);
        Take(allocations);
        var (id, balance) = AppendDebit(new NewEntry(from, LedgerEntryType.GiftOut, -amount, key, fromUserId, $"Gift sent: {note}", now)
        {
            RequestHash = hash,
            CorrelationId = $"gift:{from}:{key}",
        }, allocations, state.Balance);
        var grant = store.InsertGrant(to, GrantBucket.Bonus, amount, null, "gift", null, now);
        store.Append(new NewEntry(to, LedgerEntryType.GiftIn, amount, SystemKeys.Gift(id), fromUserId, $"Gift received: {note}", now)
        {
            Bucket = GrantBucket.Bonus,
            GrantId = grant,
            CorrelationId = $"gift:{from}:{key}",
        });
        return new GiftResult(id, amount, balance);
    }

    /// <summary>
    /// Takes back tokens a refunded payment granted: what is left of that grant, up to
    /// <paramref name="amount"/>. Tokens already spent cannot be taken back; the answer says how
    /// many, for admins to see. Once per key.
    /// </summary>
    public LedgerResult<ClawbackResult> Clawback(string userId, string correlationId, long amount, string key, string actor, string what)
    {
        var account = OpenAccount(userId);
        if (store.FindEntry(account, key) is { } prior)
        {
            return new ClawbackResult(prior.Id, -prior.Amount, amount + prior.Amount, prior.BalanceAfter);
        }

        var grants = store.GrantsFor(account, correlationId);
        long taken = 0;
        var allocations = new List<Allocation>();
        foreach (var (grantId, remaining) in grants)
        {
            var take = Math.Min(remaining, amount - taken);
            if (take <= 0)
            {
                continue;
            }

            allocations.Add(new Allocation(grantId, take));
            taken += take;
        }

        Take(allocations);
        var (id, balance) = AppendDebit(new NewEntry(account, LedgerEntryType.Clawback, -taken, key, actor,
            $"{what}: {taken:N0} token(s) taken back" + (taken < amount ? $", {amount - taken:N0} already spent" : string.Empty), now)
        {
            CorrelationId = correlationId,
            Metadata = $$"""{"requested":{{amount}},"taken":{{taken}},"shortfall":{{amount - taken}}}""",
        }, allocations, store.ReadAccount(account, key).Balance);
        return new ClawbackResult(id, taken, amount - taken, balance);
    }
}
