using System.Text.Json.Serialization;

namespace TokenSaas.Promotions;

/// <summary>What a promotion's counted uses brought in, by currency (minor units), and the tokens it gave.</summary>
public sealed record PromotionTotals(IReadOnlyDictionary<string, long> Revenue, IReadOnlyDictionary<string, long> Discount, long Tokens)
{
    public static readonly PromotionTotals None = new(new Dictionary<string, long>(), new Dictionary<string, long>(), 0);
}

/// <summary>
/// A promotion as the admin API answers it and the console shows it (SPEC 10.4): its settings, its
/// status now, and its numbers. <see cref="Revenue"/> and <see cref="DiscountGiven"/> are single
/// numbers while every counted use was in one currency; else null, and the per-currency maps say it.
/// </summary>
public sealed record PromotionView(long Id, string Name, string Type, long Value, string Status, string? EndReason, string? Currency,
    string? Code, IReadOnlyList<string> Packs, IReadOnlyList<string> Plans, bool NewBuyersOnly, long? MinAmount, int? MaxRedemptions,
    int PerUserLimit, long? Budget, DateTime? StartsAt, DateTime? EndsAt, IReadOnlyList<PromotionVariant> Variants,
    IReadOnlyList<string> EligibleEmails, IReadOnlyList<string> EligiblePlans, int? TokenExpiryDays, bool Paused, DateTime? EndedAt,
    int Redemptions, int Reserved, long? Revenue, IReadOnlyDictionary<string, long> RevenueByCurrency, long? DiscountGiven,
    IReadOnlyDictionary<string, long> DiscountByCurrency, long TokensGiven, long BudgetUsed, long BudgetReserved, DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public static PromotionView Of(Promotion p, PromotionTotals totals, DateTime now) => new(p.Id, p.Name, PromotionText.Type(p.Type), p.Value,
        PromotionText.Status(p.StatusAt(now)), p.EndReason(now), p.Currency, p.Code, p.AllPacks ? ["*"] : p.Packs, p.Plans, p.NewBuyersOnly,
        p.MinAmount, p.MaxRedemptions, p.PerUserLimit, p.Budget, Utc(p.StartsAt), Utc(p.EndsAt), p.Variants, p.EligibleEmails,
        p.EligiblePlans, p.TokenExpiryDays, p.Paused, Utc(p.EndedAt), p.Redeemed, p.Reserved, Single(totals.Revenue),
        totals.Revenue, Single(totals.Discount), totals.Discount, totals.Tokens, p.BudgetUsed, p.BudgetReserved, Utc(p.CreatedAt)!.Value,
        Utc(p.UpdatedAt)!.Value);

    [JsonIgnore]
    public PromotionType Kind => PromotionText.ParseType(Type)!.Value;

    [JsonIgnore]
    public PromotionStatus State => PromotionText.ParseStatus(Status)!.Value;

    [JsonIgnore]
    public bool AllPacks => Packs is ["*"];

    // SQLite hands times back without a kind; they are stored UTC.
    private static DateTime? Utc(DateTime? time) => time is { } t ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : null;

    private static long? Single(IReadOnlyDictionary<string, long> byCurrency) => byCurrency.Count switch
    {
        0 => 0,
        1 => byCurrency.Values.Single(),
        _ => null,
    };
}

/// <summary>One use of a promotion as the detail page lists it.</summary>
public sealed record RedemptionRow(long Id, string? Email, string Code, string? Variant, long ListAmount, long Discount, long FinalAmount,
    string? Currency, long Tokens, RedemptionStatus Status, DateTime CreatedAt, string? Ip);
