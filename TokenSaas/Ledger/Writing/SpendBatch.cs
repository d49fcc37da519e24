namespace TokenSaas.Ledger.Writing;

/// <summary>A spend applied in memory and not yet written; its entry id arrives when the batch is flushed.</summary>
internal sealed class PendingSpend(long accountId, SpendRequest request, long amount, long balanceAfter, List<Allocation> allocations)
{
    public long AccountId => accountId;
    public SpendRequest Request => request;
    public long Amount => amount;
    public long BalanceAfter => balanceAfter;
    public List<Allocation> Allocations => allocations;
    public long EntryId { get; set; }
}

/// <summary>What <see cref="SpendBatch.TrySpend"/> decided: a pending spend, or a failure that writes nothing.</summary>
internal readonly record struct SpendOutcome(PendingSpend? Pending, LedgerResult<SpendResult> Result);

/// <summary>
/// The spend path vectorised (Ledger/README.md): every account, grant and idempotency key a
/// batch's spends need is read in one query, the rules run in memory, and <see cref="Flush"/>
/// writes the results with one statement per table. A hot account's spends coalesce into one
/// update of its row and of each grant that paid. Anything unusual (a period due, an expired
/// grant, limits, unlimited, a key used in an earlier batch) is left to the per-operation path.
/// </summary>
internal sealed class SpendBatch(LedgerStore store, DateTime now, Func<AccountState, bool> nothingDue)
{
    private readonly Dictionary<long, Loaded> accounts = new();
    private readonly HashSet<(long, string)> storedKeys = new();
    private readonly Dictionary<(long, string), PendingSpend> keys = new();
    private readonly List<PendingSpend> unwritten = new();

    /// <summary>Reads what <paramref name="spends"/> need, in one round trip (on PostgreSQL also locking their accounts).</summary>
    public void Load(IReadOnlyCollection<SpendCommand> spends)
    {
        var known = spends.Where(s => s.OrderKey is > 0 and < long.MaxValue).ToList();
        if (known.Count == 0)
        {
            return;
        }

        var (states, found) = store.ReadAccounts(
            known.Select(s => s.OrderKey).Distinct().Order().ToList(),
            known.Select(s => (s.OrderKey, s.Request.Key)).Distinct().ToList());
        foreach (var (id, state) in states)
        {
            accounts[id] = new Loaded(state);
        }

        storedKeys.UnionWith(found);
    }

    public bool TrySpend(long accountId, SpendRequest request, out SpendOutcome outcome)
    {
        outcome = default;
        if (keys.TryGetValue((accountId, request.Key), out var earlier))
        {
            outcome = earlier.Request.Hash == request.Hash
                ? new SpendOutcome(earlier, default)
                : new SpendOutcome(null, LedgerOperations.Conflict(request.Key));
            return true;
        }

        if (!accounts.TryGetValue(accountId, out var account) || storedKeys.Contains((accountId, request.Key)) ||
            request.Amount == 0 || !account.Plain(now, nothingDue))
        {
            return false;
        }

        if (SpendingOrder.Allocate(account.Grants, request.Amount, now) is not { } taken)
        {
            outcome = new SpendOutcome(null, LedgerOperations.Insufficient(SpendingOrder.Live(account.Grants, now), request.Amount));
            return true;
        }

        account.Take(taken, request.Amount);
        var spend = new PendingSpend(accountId, request, request.Amount, account.Balance, taken);
        keys[(accountId, request.Key)] = spend;
        unwritten.Add(spend);
        outcome = new SpendOutcome(spend, default);
        return true;
    }

    /// <summary>Writes every spend applied since the last flush: grants, balances, entries, split allocations.</summary>
    public void Flush()
    {
        if (unwritten.Count == 0)
        {
            return;
        }

        var touched = accounts.Values.Where(a => a.Dirty).ToList();
        var takes = touched.SelectMany(a => a.Takes).ToList();
        store.TakeFromGrants(takes);
        store.MoveBalances(touched.Select(a => new BalanceMove(a.Id, a.WrittenBalance, a.Balance, a.Spent)).ToList(), now);
        store.InsertSpends(unwritten, now);
        foreach (var spend in unwritten.Where(s => s.Allocations.Count > 1))
        {
            spend.Allocations.ForEach(a => store.InsertAllocation(spend.EntryId, a));
        }

        touched.ForEach(a => a.Written());
        unwritten.Clear();
    }

    /// <summary>Forgets what was read: something else is about to write to these accounts.</summary>
    public void Forget(long accountId) => accounts.Remove(accountId);

    public void ForgetAll() => accounts.Clear();

    /// <summary>An account as read at the start of the batch, moved by the spends applied to it since.</summary>
    private sealed class Loaded(AccountState state)
    {
        private readonly Dictionary<long, long> takes = new();

        public long Id => state.Id;
        public List<SpendableGrant> Grants { get; } = state.Grants;
        public long Balance { get; private set; } = state.Balance;
        public long WrittenBalance { get; private set; } = state.Balance;
        public long Spent { get; private set; }
        public bool Dirty => Balance != WrittenBalance;
        public IEnumerable<Allocation> Takes => takes.Select(t => new Allocation(t.Key, t.Value));

        // The fast path is for the everyday spend only; anything else needs the full rules.
        public bool Plain(DateTime now, Func<AccountState, bool> nothingDue) =>
            !state.Unlimited && state.SpendLimitPerHour is null && state.SpendLimitPerDay is null &&
            nothingDue(state) && !Grants.Any(g => g.IsExpired(now));

        public void Take(List<Allocation> allocations, long amount)
        {
            foreach (var allocation in allocations)
            {
                var index = Grants.FindIndex(g => g.Id == allocation.GrantId);
                Grants[index] = Grants[index] with { Remaining = Grants[index].Remaining - allocation.Amount };
                takes[allocation.GrantId] = takes.GetValueOrDefault(allocation.GrantId) + allocation.Amount;
            }

            Balance -= amount;
            Spent += amount;
        }

        public void Written()
        {
            WrittenBalance = Balance;
            Spent = 0;
            takes.Clear();
        }
    }
}

/// <summary>An account's cached balance moving from what was read to what the batch made it.</summary>
internal readonly record struct BalanceMove(long AccountId, long From, long To, long Spent);
