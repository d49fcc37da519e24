namespace TokenSaas.Ledger;

/// <summary>One per user. <see cref="Balance"/> caches the sum of the account's entries (and of its grants' remainders).</summary>
public sealed class TokenAccount
{
    private TokenAccount()
    {
        UserId = string.Empty;
    }

    public long Id { get; private set; }

    public string UserId { get; private set; }

    public long Balance { get; private set; }

    /// <summary>Admin-set: spends are logged but never refused.</summary>
    public bool Unlimited { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>The plan the account is on (seed 003: basic, standard, premium).</summary>
    public string PlanKey { get; private set; } = Plans.Plan.Basic;

    /// <summary>The version of the plan the account is on (grandfathered subscribers stay on older ones).</summary>
    public int PlanVersion { get; private set; } = 1;

    /// <summary>When a paid plan ends and the account falls back to basic; null for a plan with no end.</summary>
    public DateTime? PlanEndAt { get; private set; }

    /// <summary>The grant holding this period's plan quota.</summary>
    public long? PlanGrantId { get; private set; }

    /// <summary>The last day ("2026-11-21", site time zone) whose daily allowance was granted.</summary>
    public string? DailyPeriod { get; private set; }

    /// <summary>The last month ("2026-11") whose plan quota was granted.</summary>
    public string? PlanPeriod { get; private set; }

    /// <summary>Tokens ever bought (purchased grants); kept by the ledger writer for the admin user list.</summary>
    public long LifetimePurchased { get; private set; }

    /// <summary>Tokens spent on features, net of refunds and released holds.</summary>
    public long LifetimeSpent { get; private set; }

    /// <summary>The last time the user spent, reserved or gave tokens.</summary>
    public DateTime? LastActiveAt { get; private set; }

    /// <summary>Admin-set throttles: at most this many tokens spent in any hour / any 24 hours (null: no limit).</summary>
    public long? SpendLimitPerHour { get; private set; }

    public long? SpendLimitPerDay { get; private set; }
}
