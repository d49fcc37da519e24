using TokenSaas.Audit;

namespace TokenSaas.Ledger.Writing;

/// <summary>What admins change about an account (flags, limits, grants), spend limits, and the audit row of an admin act.</summary>
internal sealed partial class LedgerOperations
{
    /// <summary>Writes the audit row in this batch's transaction: it commits with the change it describes, or not at all.</summary>
    public void Audit(AuditRecord record) => AuditSql.Append(store.Connection, store.Transaction, record, now);

    public bool UserExists(string userId) => accounts.Find(userId) is not null || store.UserExists(userId);

    public AccountFlags Flags(string userId)
    {
        var state = store.ReadAccount(OpenAccount(userId), SystemKeys.Welcome);
        return new AccountFlags(state.Unlimited, state.SpendLimitPerHour, state.SpendLimitPerDay);
    }

    /// <summary>Unlimited accounts are never refused; their spends are logged at no charge. Answers the flags before.</summary>
    public AccountFlags SetUnlimited(string userId, bool unlimited)
    {
        var before = Flags(userId);
        store.SetUnlimited(OpenAccount(userId), unlimited);
        return before;
    }

    /// <summary>Sets the spend limits (null: none). Answers the flags before.</summary>
    public AccountFlags SetLimits(string userId, long? perHour, long? perDay)
    {
        var before = Flags(userId);
        store.SetLimits(OpenAccount(userId), perHour, perDay);
        return before;
    }

    /// <summary>Expires what is left of a grant now (an admin taking back a bonus, say), once per key.</summary>
    public LedgerResult<VoidResult> VoidGrant(string userId, long grantId, string key, string reason, string actor)
    {
        var account = OpenAccount(userId);
        var hash = Fingerprint("void", grantId);
        if (store.FindEntry(account, key) is { } prior)
        {
            return prior.Type == LedgerEntryType.Expire && prior.RequestHash == hash
                ? new VoidResult(prior.Id, -prior.Amount, prior.BalanceAfter)
                : Conflict(key);
        }

        if (store.FindGrant(grantId) is not var (grant, owner) || owner != account)
        {
            return new LedgerFailure(LedgerError.NotFound, $"grant {grantId} not found");
        }

        if (grant.Bucket is GrantBucket.Daily or GrantBucket.Plan)
        {
            return new LedgerFailure(LedgerError.Invalid,
                $"grant {grantId} is the {grant.Bucket.ToString().ToLowerInvariant()} allowance, which the calendar resets; adjust the balance instead");
        }

        if (grant.Remaining <= 0)
        {
            return new LedgerFailure(LedgerError.Invalid, $"grant {grantId} has nothing left to void");
        }

        if (!store.EmptyGrant(grant.Id, grant.Remaining))
        {
            throw new ConcurrentWriteException($"grant {grant.Id} changed while voiding");
        }

        var (id, balance) = store.Append(new NewEntry(account, LedgerEntryType.Expire, -grant.Remaining, key, actor,
            $"Voided {grant.Bucket} grant: {reason}", now)
        {
            Bucket = grant.Bucket,
            GrantId = grant.Id,
            RequestHash = hash,
        });
        return new VoidResult(id, grant.Remaining, balance);
    }

    /// <summary>
    /// Refuses a debit that would take the account past an admin-set limit in the last hour or
    /// 24 hours, saying when it would fit. Unlimited accounts and free features are not throttled.
    /// </summary>
    private LedgerFailure? Throttle(long account, AccountState state, long amount)
    {
        if (state.Unlimited || amount == 0 || (state.SpendLimitPerHour is null && state.SpendLimitPerDay is null))
        {
            return null;
        }

        var spent = store.SpentSince(account, now - TimeSpan.FromDays(1));
        return Over(spent, amount, state.SpendLimitPerHour, TimeSpan.FromHours(1), "hour")
            ?? Over(spent, amount, state.SpendLimitPerDay, TimeSpan.FromDays(1), "24 hours");
    }

    private LedgerFailure? Over(List<(DateTime At, long Tokens)> spent, long amount, long? limit, TimeSpan window, string period)
    {
        if (limit is not { } max)
        {
            return null;
        }

        var inWindow = spent.Where(s => s.At > now - window).ToList();
        var total = inWindow.Sum(s => s.Tokens);
        if (total + amount <= max)
        {
            return null;
        }

        // The limit frees up as spends leave the window, oldest first.
        var retryAfter = window;
        foreach (var (at, tokens) in inWindow)
        {
            total -= tokens;
            if (total + amount <= max)
            {
                retryAfter = at + window - now;
                break;
            }
        }

        var spentInWindow = inWindow.Sum(s => s.Tokens);
        return new LedgerFailure(LedgerError.LimitExceeded,
            $"at most {Tokens(max)} per {period}, and {Tokens(spentInWindow)} {(spentInWindow == 1 ? "was" : "were")} spent in the last {period}")
        {
            RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)),
        };
    }

    private static string Tokens(long n) => n == 1 ? "1 token" : $"{n:N0} tokens";
}
