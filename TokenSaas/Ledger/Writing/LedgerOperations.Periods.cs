namespace TokenSaas.Ledger.Writing;

/// <summary>The ledger's rules about time (daily allowance, monthly quota, plan ends) and plan changes.</summary>
/// <param name="DailyFree">Tokens the daily allowance refills to; 0 turns it off.</param>
internal sealed record LedgerPolicy(long WelcomeBonus, long DailyFree, TokenCalendar Calendar);

internal sealed partial class LedgerOperations
{
    private readonly string today = policy.Calendar.DayKey(now);
    private readonly string month = policy.Calendar.MonthKey(now);

    /// <summary>
    /// Applies what time has made due, in order: a paid plan that ended falls back to basic, a new
    /// month's quota, a new day's allowance. Each step first claims its period with a conditional
    /// update, so it happens once per account and period whoever gets there first (a spend, a
    /// read, the sweep, another instance); a loser's batch is retried and finds it done.
    /// </summary>
    public AccountState Refresh(long account, AccountState state, string key)
    {
        while (true)
        {
            if (state.PlanEndAt is { } end && end <= now)
            {
                MovePlan(account, state, Plans.Plan.Basic, resetUsed: true, SystemActor, SystemKeys.PlanEnded(end));
            }
            else if (state.PlanPeriod != month)
            {
                NewMonth(account, state);
            }
            else if (policy.DailyFree > 0 && state.DailyPeriod != today)
            {
                NewDay(account, state);
            }
            else
            {
                return state;
            }

            state = store.ReadAccount(account, key);
        }
    }

    /// <summary>Refresh for one user: opens the account if needed; answers whether anything was due.</summary>
    public bool Refresh(string userId)
    {
        var account = OpenAccount(userId);
        var before = store.ReadAccount(account, SystemKeys.Welcome);
        return !ReferenceEquals(Refresh(account, before, SystemKeys.Welcome), before);
    }

    public LedgerResult<PlanUsage> ChangePlan(string userId, string planKey, bool resetUsed, string actor, string key)
    {
        var account = OpenAccount(userId);
        var state = Refresh(account, store.ReadAccount(account, key), key);
        if (state.PriorEntryId is not null)
        {
            // A paid plan change is keyed by its payment: a second report of the payment changes nothing.
            return Usage(account);
        }

        if (store.FindPlan(planKey) is null)
        {
            return new LedgerFailure(LedgerError.Invalid, "invalid plan");
        }

        if (planKey != state.PlanKey || resetUsed)
        {
            MovePlan(account, state, planKey, resetUsed, actor, key);
        }

        return Usage(account);
    }

    public PlanUsage Usage(long account)
    {
        var state = store.ReadAccount(account, SystemKeys.Welcome);
        var (quota, remaining) = state.PlanGrantId is { } grant ? store.GrantSize(grant) ?? (0, 0) : (0, 0);
        return new PlanUsage(state.PlanKey, quota, quota - remaining, remaining, state.PlanEndAt);
    }

    // Seed 003's rules. Upgrade: quota = new base + what was left, used = 0. Downgrade: quota =
    // new base, used stays (what is left may go below zero). Same plan: used = 0 if asked.
    private void MovePlan(long account, AccountState state, string planKey, bool resetUsed, string actor, string key)
    {
        var target = store.FindPlan(planKey) ?? throw new InvalidOperationException($"Plan {planKey} does not exist.");
        var current = store.FindPlan(state.PlanKey);
        var (oldQuota, oldRemaining) = state.PlanGrantId is { } old ? store.GrantSize(old) ?? (0, 0) : (0, 0);
        var oldUsed = oldQuota - oldRemaining;
        var upgrade = target.MonthlyTokens > (current?.MonthlyTokens ?? 0);
        var quota = planKey == state.PlanKey ? oldQuota : upgrade ? target.MonthlyTokens + oldRemaining : target.MonthlyTokens;
        var used = resetUsed || upgrade ? 0 : oldUsed;
        var remaining = quota - used;

        if (state.PlanGrantId is { } previous && oldRemaining != 0 && !store.EmptyGrant(previous, oldRemaining))
        {
            throw new ConcurrentWriteException($"plan grant {previous} changed while changing plan");
        }

        var grant = store.InsertGrant(account, GrantBucket.Plan, quota, policy.Calendar.NextMonthStart(now), "plan", null, now, remaining);
        var endAt = target.DurationDays is { } days ? now.AddDays(days) : (DateTime?)null;
        if (!store.SetPlan(account, state.PlanKey, state.PlanGrantId, planKey, endAt, grant))
        {
            throw new ConcurrentWriteException($"the plan of account {account} changed while changing it");
        }

        store.Append(new NewEntry(account, LedgerEntryType.PlanChange, remaining - oldRemaining, key, actor,
            $"Plan: {state.PlanKey} → {planKey}" + (resetUsed ? " (usage reset)" : string.Empty), now)
        {
            Bucket = GrantBucket.Plan,
            GrantId = grant,
            Metadata = $$"""{"from":"{{state.PlanKey}}","to":"{{planKey}}","quota":{{quota}},"used":{{used}}}""",
        });
    }

    private void NewMonth(long account, AccountState state)
    {
        if (!store.ClaimMonth(account, month))
        {
            throw new ConcurrentWriteException($"account {account}'s month {month} was started elsewhere");
        }

        if (state.PlanGrantId is { } previous && store.GrantSize(previous) is { Remaining: not 0 } size)
        {
            if (!store.EmptyGrant(previous, size.Remaining))
            {
                throw new ConcurrentWriteException($"plan grant {previous} changed while closing its month");
            }

            store.Append(new NewEntry(account, LedgerEntryType.Expire, -size.Remaining, SystemKeys.PlanClosed(previous),
                SystemActor, "Last month's plan tokens expired", now) { Bucket = GrantBucket.Plan, GrantId = previous });
        }

        var plan = store.FindPlan(state.PlanKey);
        long? grant = null;
        if (plan is { MonthlyTokens: > 0 })
        {
            grant = Grant(account, GrantBucket.Plan, plan.MonthlyTokens, policy.Calendar.NextMonthStart(now), "plan",
                SystemKeys.Month(month), SystemActor, $"{plan.Key} plan: {month} quota", periodKey: month, type: LedgerEntryType.PlanReset)
                .Value!.GrantId;
        }

        if (!store.SetPlan(account, state.PlanKey, state.PlanGrantId, state.PlanKey, state.PlanEndAt, grant))
        {
            throw new ConcurrentWriteException($"the plan of account {account} changed while starting its month");
        }
    }

    private void NewDay(long account, AccountState state)
    {
        if (!store.ClaimDay(account, today))
        {
            throw new ConcurrentWriteException($"account {account}'s day {today} was started elsewhere");
        }

        // Unused daily tokens do not accumulate: yesterday's (expired at midnight) go first.
        foreach (var grant in state.Grants.Where(g => g.Bucket == GrantBucket.Daily && g.IsExpired(now)))
        {
            ExpireGrant(grant.Id);
        }

        Grant(account, GrantBucket.Daily, policy.DailyFree, policy.Calendar.NextMidnight(now), "daily", SystemKeys.Day(today),
            SystemActor, "Daily free tokens", periodKey: today, type: LedgerEntryType.DailyReset);
    }
}
