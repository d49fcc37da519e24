using System.Security.Cryptography;
using System.Text;

namespace TokenSaas.Ledger.Writing;

/// <summary>Thrown when a conditional update finds the row changed under it (another instance wrote first).</summary>
internal sealed class ConcurrentWriteException(string message) : Exception(message);

/// <summary>
/// The ledger's rules, executed inside one writer transaction. Each operation either writes
/// everything it needs or returns a failure having written nothing. Replays are answered from
/// the entry their idempotency key already names.
/// </summary>
internal sealed partial class LedgerOperations(LedgerStore store, DateTime now, AccountDirectory.Batch accounts, LedgerPolicy policy)
{
    public const string SystemActor = "system";

    /// <summary>The batch's spends applied in memory (the fast path); see <see cref="SpendBatch"/>.</summary>
    public SpendBatch Batch => batch ??= new(store, now, NothingDue);

    private SpendBatch? batch;

    public long OpenAccount(string userId)
    {
        if (accounts.Find(userId) is { } known)
        {
            return known;
        }

        if (store.FindAccountId(userId) is { } existing)
        {
            return accounts.Remember(userId, existing);
        }

        var id = store.InsertAccount(userId, now) ?? store.FindAccountId(userId)!.Value;
        if (policy.WelcomeBonus > 0)
        {
            Grant(id, GrantBucket.Bonus, policy.WelcomeBonus, null, "welcome", SystemKeys.Welcome, SystemActor, "Welcome bonus");
        }

        // A new account starts with this month's plan quota and today's allowance.
        Refresh(id, store.ReadAccount(id, SystemKeys.Welcome), SystemKeys.Welcome);
        return accounts.Remember(userId, id);
    }

    public LedgerResult<SpendResult> Spend(SpendRequest r) => Spend(r.UserId, r.Feature, r.UnitCost, r.Quantity, r.Key, r.Actor);

    public LedgerResult<SpendResult> Spend(string userId, string feature, long unitCost, int quantity, string key, string actor)
    {
        var account = OpenAccount(userId);
        var hash = SpendRequest.Fingerprint(feature, quantity);
        var state = Refresh(account, store.ReadAccount(account, key), key);
        if (state.PriorEntryId is not null && store.FindEntry(account, key) is { } prior)
        {
            return prior.Type == LedgerEntryType.Spend && prior.RequestHash == hash
                ? new SpendResult(prior.Id, feature, -prior.Amount, prior.BalanceAfter)
                : Conflict(key);
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

        var (id, balance) = AppendDebit(new NewEntry(account, LedgerEntryType.Spend, -debit.Value, key, actor,
            SpendRequest.Describe(feature, quantity), now)
        {
            Feature = feature,
            Quantity = quantity,
            RequestHash = hash,
            Metadata = debit.Value == 0 && unitCost > 0 ? $$"""{"unlimited":true,"cost":{{unitCost * quantity}}}""" : null,
        }, allocations, balanceBefore);
        return new SpendResult(id, feature, debit.Value, balance);
    }

    public LedgerResult<RefundResult> Refund(string? userId, long entryId, string key, string? reason, string actor,
        TimeSpan? window)
    {
        var entry = store.GetEntry(entryId);
        if (entry is null || (userId is not null && entry.AccountId != OpenAccount(userId)))
        {
            return new LedgerFailure(LedgerError.NotFound, $"entry {entryId} not found");
        }

        var account = entry.AccountId;
        var hash = Fingerprint("refund", entryId);
        if (store.FindEntry(account, key) is { } prior)
        {
            return prior.Type == LedgerEntryType.Refund && prior.RequestHash == hash
                ? new RefundResult(prior.Id, prior.Amount, prior.BalanceAfter)
                : Conflict(key);
        }

        // A captured hold is refunded by reversing the hold's debit.
        var debit = entry.Type switch
        {
            LedgerEntryType.Spend => entry,
            LedgerEntryType.Capture when entry.HoldId is { } hold => store.FindHoldDebit(hold),
            _ => null,
        };
        if (debit is null)
        {
            return new LedgerFailure(LedgerError.NotRefundable, $"entry {entryId} is a {entry.Type}, not a spend");
        }

        if (store.FindReversal(debit.Id) is { } earlier)
        {
            return new RefundResult(earlier.Id, earlier.Amount, earlier.BalanceAfter);
        }

        if (debit.Amount == 0)
        {
            return new LedgerFailure(LedgerError.NotRefundable, $"entry {entryId} charged nothing");
        }

        if (window is { } limit && now - entry.CreatedAt > limit)
        {
            return new LedgerFailure(LedgerError.NotRefundable,
                $"entry {entryId} is older than the {limit.TotalMinutes:0}-minute refund window");
        }

        var (id, balance) = Reverse(debit, LedgerEntryType.Refund, key, actor,
            $"Refund: {debit.Feature}" + (string.IsNullOrWhiteSpace(reason) ? string.Empty : $" ({reason})"), hash);
        return new RefundResult(id, -debit.Amount, balance);
    }

    public LedgerResult<GrantResult> Grant(long account, GrantBucket bucket, long amount, DateTime? expiresAt, string source,
        string key, string actor, string description, string? correlationId = null, string? periodKey = null,
        LedgerEntryType type = LedgerEntryType.Grant)
    {
        var hash = Fingerprint("grant", bucket, amount, expiresAt?.Ticks, source, periodKey);
        if (store.FindEntry(account, key) is { } prior)
        {
            return prior.Type == type && prior.RequestHash == hash
                ? new GrantResult(prior.Id, prior.GrantId ?? 0, prior.Amount, prior.BalanceAfter)
                : Conflict(key);
        }

        var grantId = store.InsertGrant(account, bucket, amount, expiresAt, source, periodKey, now);
        var (id, balance) = store.Append(new NewEntry(account, type, amount, key, actor, description, now)
        {
            Bucket = bucket,
            GrantId = grantId,
            RequestHash = hash,
            CorrelationId = correlationId,
        });
        return new GrantResult(id, grantId, amount, balance);
    }

    public LedgerResult<AdjustResult> Adjust(string userId, long delta, string reason, string key, string actor)
    {
        var account = OpenAccount(userId);
        var hash = Fingerprint("adjust", delta, reason);
        if (store.FindEntry(account, key) is { } prior)
        {
            return prior.Type == LedgerEntryType.Adjust && prior.RequestHash == hash
                ? new AdjustResult(prior.Id, prior.Amount, prior.BalanceAfter)
                : Conflict(key);
        }

        var entry = new NewEntry(account, LedgerEntryType.Adjust, delta, key, actor, $"Adjustment: {reason}", now)
        {
            RequestHash = hash,
        };
        if (delta > 0)
        {
            var grantId = store.InsertGrant(account, GrantBucket.Bonus, delta, null, "adjust", null, now);
            var (id, balance) = store.Append(entry with { Bucket = GrantBucket.Bonus, GrantId = grantId });
            return new AdjustResult(id, delta, balance);
        }

        var debit = Debit(Refresh(account, store.ReadAccount(account, key), key), -delta, out var allocations, out var balanceBefore, ignoreUnlimited: true);
        if (debit.Failure is { } failure)
        {
            return failure;
        }

        var (entryId, after) = AppendDebit(entry, allocations, balanceBefore);
        return new AdjustResult(entryId, delta, after);
    }

    /// <summary>Empties a grant whose time has come. Safe to repeat: the second time finds nothing to expire.</summary>
    public long ExpireGrant(long grantId)
    {
        if (store.FindGrant(grantId) is not var (grant, account) || grant.Remaining <= 0 || !grant.IsExpired(now))
        {
            return 0;
        }

        if (!store.EmptyGrant(grant.Id, grant.Remaining))
        {
            throw new ConcurrentWriteException($"grant {grant.Id} changed while expiring");
        }

        store.Append(new NewEntry(account, LedgerEntryType.Expire, -grant.Remaining, SystemKeys.Expire(grant.Id),
            SystemActor, $"{grant.Bucket} tokens expired", now)
        {
            Bucket = grant.Bucket,
            GrantId = grant.Id,
        });
        return grant.Remaining;
    }

    private LedgerResult<long> Debit(AccountState state, long amount, out List<Allocation> allocations, out long balanceBefore,
        bool ignoreUnlimited = false)
    {
        allocations = [];
        balanceBefore = state.Balance;
        if ((state.Unlimited && !ignoreUnlimited) || amount == 0)
        {
            return 0L;
        }

        // Expired grants still holding tokens are emptied before anything is spent, so the
        // balance written on the next entry is what the user can really spend.
        foreach (var grant in state.Grants.Where(g => g.IsExpired(now)))
        {
            balanceBefore -= ExpireGrant(grant.Id);
        }

        if (SpendingOrder.Allocate(state.Grants, amount, now) is not { } taken)
        {
            return Insufficient(SpendingOrder.Live(state.Grants, now), amount);
        }

        Take(taken);
        allocations = taken;
        return amount;
    }

    // A debit paid by one grant names it on the entry; only split debits need allocation rows.
    private (long Id, long Balance) AppendDebit(NewEntry entry, List<Allocation> allocations, long balanceBefore)
    {
        var written = store.Append(allocations.Count == 1 ? entry with { GrantId = allocations[0].GrantId } : entry, balanceBefore);
        if (allocations.Count > 1)
        {
            allocations.ForEach(a => store.InsertAllocation(written.Id, a));
        }

        return written;
    }

    private void Take(List<Allocation> allocations)
    {
        foreach (var allocation in allocations)
        {
            if (!store.TakeFromGrant(allocation.GrantId, allocation.Amount))
            {
                throw new ConcurrentWriteException($"grant {allocation.GrantId} changed while spending");
            }
        }
    }

    /// <summary>
    /// Gives a debit back to the grants that paid for it. Tokens whose grant has expired in the
    /// meantime expire again at once (recorded as an expire entry): the user ends where they
    /// would have been without the failed action, and a hold or refund can never turn daily or
    /// expiring tokens into lasting ones.
    /// </summary>
    private (long Id, long Balance) Reverse(StoredEntry debit, LedgerEntryType type, string key, string actor,
        string description, string? hash, long? holdId = null)
    {
        var lapsed = new List<(SpendableGrant Grant, long Amount)>();
        foreach (var allocation in store.Allocations(debit))
        {
            var grant = store.FindGrant(allocation.GrantId)!.Value.Grant;
            if (grant.IsExpired(now))
            {
                lapsed.Add((grant, allocation.Amount));
            }
            else
            {
                store.ReturnToGrant(grant.Id, allocation.Amount);
            }
        }

        var reversal = store.Append(new NewEntry(debit.AccountId, type, -debit.Amount, key, actor, description, now)
        {
            Feature = debit.Feature,
            Quantity = debit.Quantity,
            HoldId = holdId,
            ReversalOfEntryId = debit.Id,
            RequestHash = hash,
        });
        var result = reversal;
        foreach (var (grant, amount) in lapsed)
        {
            result = store.Append(new NewEntry(debit.AccountId, LedgerEntryType.Expire, -amount,
                SystemKeys.ExpireReturned(grant.Id, reversal.Id), SystemActor,
                $"{grant.Bucket} tokens returned after they expired", now)
            {
                Bucket = grant.Bucket,
                GrantId = grant.Id,
            });
        }

        return result;
    }

    internal static LedgerFailure Conflict(string key) =>
        new(LedgerError.IdempotencyConflict, $"idempotency_key '{key}' was already used for a different request");

    internal static LedgerFailure Insufficient(long balance, long required) =>
        new(LedgerError.InsufficientTokens, "insufficient tokens", balance, required);

    internal static string Fingerprint(params object?[] parts)
    {
        var text = string.Join('\n', parts.Select(p => Convert.ToString(p, System.Globalization.CultureInfo.InvariantCulture)));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }
}
