namespace TokenSaas.Promotions;

public enum RedemptionStatus
{
    /// <summary>Held for an open payment (or a free-token grant under way): it counts against the limits.</summary>
    Reserved,

    /// <summary>The payment succeeded (or the tokens were granted).</summary>
    Counted,

    /// <summary>Given back: the payment failed, expired or was refunded.</summary>
    Freed,
}

/// <summary>One use of a promotion by one user, for one payment (or one free-token grant).</summary>
public sealed class Redemption
{
    public long Id { get; set; }

    public long PromotionId { get; set; }

    public string? Variant { get; set; }

    public string Code { get; set; } = string.Empty;

    public string UserId { get; set; } = string.Empty;

    /// <summary>The user's <see cref="EmailIdentity"/> key: aliases share one.</summary>
    public string Identity { get; set; } = string.Empty;

    /// <summary>
    /// Which of the identity's allowed uses (1 … per-user limit) this holds while it is not freed; a
    /// unique index on (promotion, identity, slot) is what stops two checkouts at once taking one use.
    /// </summary>
    public int? Slot { get; set; }

    public RedemptionStatus Status { get; set; }

    public string? PaymentId { get; set; }

    public string? FreedReason { get; set; }

    /// <summary>The list price, the discount and what was charged, in <see cref="Currency"/>'s minor unit (0 for free tokens).</summary>
    public long ListAmount { get; set; }

    public long Discount { get; set; }

    public long FinalAmount { get; set; }

    public string? Currency { get; set; }

    /// <summary>Tokens the promotion itself gives (bonus or free tokens).</summary>
    public long Tokens { get; set; }

    /// <summary>What it takes from the promotion's budget: the discount, or the tokens.</summary>
    public long BudgetCost { get; set; }

    public string? Ip { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? CountedAt { get; set; }
}

/// <summary>A code people type: a promotion's shared code (no use limit of its own) or a generated one (one use).</summary>
public sealed class PromotionCode
{
    public const int MaxLength = 40;

    /// <summary>Upper case; lookups upper-case what was typed.</summary>
    public string Code { get; set; } = string.Empty;

    public long PromotionId { get; set; }

    public long? BatchId { get; set; }

    public int? MaxUses { get; set; }

    /// <summary>Reserved and counted uses.</summary>
    public int Uses { get; set; }

    public DateTime CreatedAt { get; set; }

    public static string Normalize(string? typed) => (typed ?? string.Empty).Trim().ToUpperInvariant();
}

public enum CodeBatchStatus
{
    Running,
    Done,
    Failed,
}

/// <summary>
/// A run of unique codes from a pattern, made by a background job in chunks; <see cref="Generated"/>
/// is the count stored so far, so a restarted job carries on where it stopped.
/// </summary>
public sealed class CodeBatch : Scheduling.ILeasedBatch
{
    public const int MaxCount = 100_000;

    public long Id { get; set; }

    public long PromotionId { get; set; }

    public string Pattern { get; set; } = string.Empty;

    public int Count { get; set; }

    public int Generated { get; set; }

    public CodeBatchStatus Status { get; set; }

    public string? Error { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public DateTime CreatedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    public string? LeaseOwner { get; set; }

    public DateTime? LeaseUntil { get; set; }
}
