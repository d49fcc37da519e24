using System.Security.Cryptography;
using System.Text;

namespace TokenSaas.Promotions;

public enum PromotionType
{
    /// <summary>A percentage (1–100) off the price.</summary>
    PercentOff,

    /// <summary>A fixed amount off, in the minor unit of the promotion's one currency.</summary>
    AmountOff,

    /// <summary>Extra tokens on top of what a purchase buys.</summary>
    BonusTokens,

    /// <summary>Tokens for a code, no purchase: redeemed at /tokens/redeem into the bonus bucket.</summary>
    FreeTokens,
}

/// <summary>Where a promotion is in its life; worked out from its schedule, its limits and the admin's pause, never stored.</summary>
public enum PromotionStatus
{
    Scheduled,
    Active,
    Paused,
    Ended,
}

/// <summary>One arm of an A/B test: its own value (percent, amount or tokens) and a weight.</summary>
public sealed record PromotionVariant(string Name, long Value, int Weight);

/// <summary>
/// A discount or a gift of tokens, applied by the server before any gateway is asked for money.
/// Its counters move only by conditional updates (<see cref="Redemptions"/>): <see cref="Reserved"/>
/// while a payment is open, <see cref="Redeemed"/> once it succeeded, and the budget likewise, so
/// the last use of a limited promotion cannot be taken twice at once.
/// </summary>
public sealed class Promotion
{
    public const int MaxNameLength = 80;
    public const int MaxVariants = 5;

    public long Id { get; set; }

    public string Name { get; set; } = string.Empty;

    public PromotionType Type { get; set; }

    /// <summary>Percent (1–100), minor units off, or tokens, by <see cref="Type"/>; a variant's value replaces it for its users.</summary>
    public long Value { get; set; }

    /// <summary>The one currency it applies to (required for amount_off, a minimum amount or a money budget); null: any.</summary>
    public string? Currency { get; set; }

    /// <summary>Applies to every pack (when true) or to <see cref="Packs"/> only.</summary>
    public bool AllPacks { get; set; }

    public List<string> Packs { get; set; } = [];

    /// <summary>Plans it applies to (their keys); empty: none.</summary>
    public List<string> Plans { get; set; } = [];

    public bool NewBuyersOnly { get; set; }

    /// <summary>The smallest list price it applies to, in <see cref="Currency"/>'s minor unit.</summary>
    public long? MinAmount { get; set; }

    /// <summary>Only these people may use it (their <see cref="EmailIdentity"/> keys); empty: everyone.</summary>
    public List<string> EligibleEmails { get; set; } = [];

    /// <summary>Only users on these plans may use it; empty: any plan.</summary>
    public List<string> EligiblePlans { get; set; } = [];

    public int? MaxRedemptions { get; set; }

    public int PerUserLimit { get; set; } = 1;

    /// <summary>The most it may give away: minor units of discount (percent_off, amount_off) or tokens (bonus, free).</summary>
    public long? Budget { get; set; }

    public DateTime? StartsAt { get; set; }

    public DateTime? EndsAt { get; set; }

    public bool Paused { get; set; }

    /// <summary>Set when an admin ends it early.</summary>
    public DateTime? EndedAt { get; set; }

    /// <summary>Tokens it gives (bonus, free) expire this many days after they are granted; null: never.</summary>
    public int? TokenExpiryDays { get; set; }

    public List<PromotionVariant> Variants { get; set; } = [];

    /// <summary>The shared code people type, upper case; null when it only has generated codes.</summary>
    public string? Code { get; set; }

    public int Reserved { get; set; }

    public int Redeemed { get; set; }

    public long BudgetReserved { get; set; }

    public long BudgetUsed { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public bool GivesTokens => Type is PromotionType.BonusTokens or PromotionType.FreeTokens;

    public bool UsedUp => MaxRedemptions is { } max && Redeemed >= max;

    public bool BudgetSpent => Budget is { } budget && BudgetUsed >= budget;

    public PromotionStatus StatusAt(DateTime now) => this switch
    {
        { EndedAt: not null } => PromotionStatus.Ended,
        { EndsAt: { } end } when end <= now => PromotionStatus.Ended,
        { UsedUp: true } or { BudgetSpent: true } => PromotionStatus.Ended,
        { Paused: true } => PromotionStatus.Paused,
        { StartsAt: { } start } when start > now => PromotionStatus.Scheduled,
        _ => PromotionStatus.Active,
    };

    /// <summary>Why it ended, in words, or null while it has not.</summary>
    public string? EndReason(DateTime now) => this switch
    {
        { EndedAt: not null } => "ended by an admin",
        { EndsAt: { } end } when end <= now => "its end date passed",
        { UsedUp: true } => "every use was taken",
        { BudgetSpent: true } => "its budget is spent",
        _ => null,
    };

    public bool AppliesTo(Payments.PaymentKind kind, string key) =>
        kind == Payments.PaymentKind.Pack ? AllPacks || Packs.Contains(key) : Plans.Contains(key);

    /// <summary>The variant a user always gets (a hash of user and promotion, by weight), or null when there is no test.</summary>
    public PromotionVariant? VariantFor(string userId)
    {
        var total = Variants.Sum(v => v.Weight);
        if (total <= 0)
        {
            return null;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{Id}:{userId}"));
        var point = (int)(BitConverter.ToUInt32(hash, 0) % (uint)total);
        foreach (var variant in Variants)
        {
            point -= variant.Weight;
            if (point < 0)
            {
                return variant;
            }
        }

        return Variants[^1];
    }
}
