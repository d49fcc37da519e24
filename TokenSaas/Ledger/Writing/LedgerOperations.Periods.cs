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
            if (NothingDue(state))
            {
                return state;
            }

            if (state.PlanEndAt is { } end && end <= now)
            {
                var basic = store.FindPlan(Plans.Plan.Basic, null) ?? throw new InvalidOperationException("The basic plan is missing.");
                MovePlan(account, state, basic, resetUsed: true, SystemActor, SystemKeys.PlanEnded(end), endAt: null);
            }
            else if (state.PlanPeriod != month)
            {
                NewMonth(account, state);
            }
            else
            {
                NewDay(account, state);
            }

            state = store.ReadAccount(account, key);
        }
    }

    /// <summary>Whether time has made nothing due for the account: no plan end passed, this month's quota and today's allowance given.</summary>
    public bool NothingDue(AccountState state) =>
        !(state.PlanEndAt is { } end && end <= now) && state.PlanPeriod == month && (policy.DailyFree <= 0 || state.DailyPeriod == today);

    /// <summary>Refresh for one user: opens the account if needed; answers whether anything was due.</summary>
    public bool Refresh(string userId)
    {
        var account = OpenAccount(userId);
        var before = store.ReadAccount(account, SystemKeys.Welcome);
        return !ReferenceEquals(Refresh(account, before, SystemKeys.Welcome), before);
    }

    /// <summary>A move without a payment (the user, an admin, a refund): to the plan's current version, or the same version to reset usage.</summary>
    public LedgerResult<PlanUsage> ChangePlan(string userId, string planKey, bool resetUsed, string actor, string key)
    {
        var account = OpenAccount(userId);
        var state = Refresh(account, store.ReadAccount(account, key), key);
        if (state.PriorEntryId is not null)
        {
            return Usage(account);
        }

        var target = planKey == state.PlanKey ? store.FindPlan(planKey, state.PlanVersion) : store.FindPlan(planKey, null);
        if (target is null)
        {
            return new LedgerFailure(LedgerError.Invalid, "invalid plan");
        }

        if (planKey != state.PlanKey || resetUsed)
        {
            MovePlan(account, state, target, resetUsed, actor, key, EndAt(target, now));
        }

        return Usage(account);
    }

    /// <summary>
    /// A paid plan bought at <paramref name="version"/> (the one its checkout charged). Buying the
    /// plan one is on renews it: the new period starts when the current one ends, and the account
    /// moves to the version paid for. Keyed by the payment, so a second report changes nothing.
    /// </summary>
    public LedgerResult<PlanUsage> BuyPlan(string userId, string planKey, int? version, string key)
    {
        var account = OpenAccount(userId);
        var state = Refresh(account, store.ReadAccount(account, key), key);
        if (state.PriorEntryId is not null)
        {
            return Usage(account);
        }

        if (store.FindPlan(planKey, version) is not { } target)
        {
            return new LedgerFailure(LedgerError.Invalid, "invalid plan");
        }

        if (planKey != state.PlanKey || state.PlanEndAt is not { } end)
        {
            MovePlan(account, state, target, resetUsed: false, "payment", key, EndAt(target, now));
        }
        else if (target.Version != state.PlanVersion)
        {
            MovePlan(account, state, target, resetUsed: false, "payment", key, EndAt(target, end));
        }
        else
        {
            Renew(account, state, target, key, EndAt(target, end));
        }

        return Usage(account);
    }

    public PlanUsage Usage(long account)
    {
        var state = store.ReadAccount(account, SystemKeys.Welcome);
        var (quota, remaining) = state.PlanGrantId is { } grant ? store.GrantSize(grant) ?? (0, 0) : (0, 0);
        return new PlanUsage(state.PlanKey, quota, quota - remaining, remaining, state.PlanEndAt) { Version = state.PlanVersion };
    }

    private static DateTime? EndAt(PlanTerms plan, DateTime from) => plan.DurationDays is { } days ? from.AddDays(days) : null;

    // Seed 003's rules, by the tokens of the versions involved. Upgrade: quota = new base + what
    // was left, used = 0. Downgrade: quota = new base, used stays (what is left may go below zero).
    // Same version: used = 0 if asked.
    private void MovePlan(long account, AccountState state, PlanTerms target, bool resetUsed, string actor, string key, DateTime? endAt)
    {
        var current = store.FindPlan(state.PlanKey, state.PlanVersion);
        var (oldQuota, oldRemaining) = state.PlanGrantId is { } old ? store.GrantSize(old) ?? (0, 0) : (0, 0);
        var oldUsed = oldQuota - oldRemaining;
        var same = target.Key == state.PlanKey && target.Version == state.PlanVersion;
        var upgrade = !same && target.MonthlyTokens > (current?.MonthlyTokens ?? 0);
        var quota = same ? oldQuota : upgrade ? target.MonthlyTokens + oldRemaining : target.MonthlyTokens;
        var used = resetUsed || upgrade ? 0 : oldUsed;
        var remaining = quota - used;

        if (state.PlanGrantId is { } previous && oldRemaining != 0 && !store.EmptyGrant(previous, oldRemaining))
        {
            throw new ConcurrentWriteException($"plan grant {previous} changed while changing plan");
        }

        var grant = store.InsertGrant(account, GrantBucket.Plan, quota, policy.Calendar.NextMonthStart(now), "plan", null, now, remaining);
        if (!store.SetPlan(account, state.PlanKey, state.PlanGrantId, target, endAt, grant))
        {
            throw new ConcurrentWriteException($"the plan of account {account} changed while changing it");
        }

        // Between versions of one plan the entry names them: "standard v1 → standard v2".
        var versions = target.Key == state.PlanKey && target.Version != state.PlanVersion;
        var from = versions ? $"{state.PlanKey} v{state.PlanVersion}" : state.PlanKey;
        var to = versions ? $"{target.Key} v{target.Version}" : target.Key;
        store.Append(new NewEntry(account, LedgerEntryType.PlanChange, remaining - oldRemaining, key, actor,
            $"Plan: {from} → {to}" + (resetUsed ? " (usage reset)" : string.Empty), now)
        {
            Bucket = GrantBucket.Plan,
            GrantId = grant,
            Metadata = $$"""{"from":"{{state.PlanKey}}","from_version":{{state.PlanVersion}},"to":"{{target.Key}}","to_version":{{target.Version}},"quota":{{quota}},"used":{{used}}}""",
        });
    }

    /// <summary>The same version for another period: the end moves, the quota stays as it is.</summary>
    private void Renew(long account, AccountState state, PlanTerms plan, string key, DateTime? endAt)
    {
        if (!store.SetPlan(account, state.PlanKey, state.PlanGrantId, plan, endAt, state.PlanGrantId))
        {
            throw new ConcurrentWriteException($"the plan of account {account} changed while renewing it");
        }

        store.Append(new NewEntry(account, LedgerEntryType.PlanChange, 0, key, "payment",
            $"Plan renewed: {plan.Key} until {endAt:yyyy-MM-dd}", now)
        {
            Bucket = GrantBucket.Plan,
            GrantId = state.PlanGrantId,
            Metadata = $$"""{"renewed":"{{plan.Key}}","version":{{plan.Version}},"ends_at":"{{endAt:O}}"}""",
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

        var plan = store.FindPlan(state.PlanKey, state.PlanVersion);
        // A plan with no end (the free one) renews with each month: a version migrating its subscribers takes effect here.
        if (state.PlanEndAt is null && store.MigrationTarget(state.PlanKey, state.PlanVersion, now) is { } next)
        {
            plan = store.FindPlan(state.PlanKey, next);
        }

        long? grant = null;
        if (plan is { MonthlyTokens: > 0 })
        {
            grant = Grant(account, GrantBucket.Plan, plan.MonthlyTokens, policy.Calendar.NextMonthStart(now), "plan",
                SystemKeys.Month(month), SystemActor, $"{plan.Key} plan: {month} quota", periodKey: month, type: LedgerEntryType.PlanReset)
                .Value!.GrantId;
        }

        var stays = plan ?? new PlanTerms(state.PlanKey, state.PlanVersion, 0, null);
        if (!store.SetPlan(account, state.PlanKey, state.PlanGrantId, stays, state.PlanEndAt, grant))
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
