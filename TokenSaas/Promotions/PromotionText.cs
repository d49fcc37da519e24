using TokenSaas.Data;

namespace TokenSaas.Promotions;

/// <summary>How types and statuses are spelled in the API, the forms and the audit log.</summary>
public static class PromotionText
{
    public static readonly IReadOnlyList<PromotionType> Types = Enum.GetValues<PromotionType>();

    public static readonly IReadOnlyList<PromotionStatus> Statuses = Enum.GetValues<PromotionStatus>();

    public static string Type(PromotionType type) => SnakeCaseEnumConverter<PromotionType>.ToSnakeCase(type);

    public static string Status(PromotionStatus status) => SnakeCaseEnumConverter<PromotionStatus>.ToSnakeCase(status);

    public static PromotionType? ParseType(string? text) => Types.Cast<PromotionType?>().FirstOrDefault(t => Type(t!.Value) == text?.Trim().ToLowerInvariant());

    public static PromotionStatus? ParseStatus(string? text) =>
        Statuses.Cast<PromotionStatus?>().FirstOrDefault(s => Status(s!.Value) == text?.Trim().ToLowerInvariant());

    public static string Label(PromotionType type) => type switch
    {
        PromotionType.PercentOff => "Percent off",
        PromotionType.AmountOff => "Amount off",
        PromotionType.BonusTokens => "Bonus tokens",
        _ => "Free tokens",
    };

    public static bool GivesTokens(PromotionType type) => type is PromotionType.BonusTokens or PromotionType.FreeTokens;

    /// <summary>A value in words: "25% off", "₹50 off", "+200 tokens".</summary>
    public static string Value(PromotionType type, long value, string? currency) => type switch
    {
        PromotionType.PercentOff => $"{value}% off",
        PromotionType.AmountOff => $"{Payments.Money.Format(value, currency ?? "")} off",
        PromotionType.BonusTokens => $"+{value:N0} bonus tokens",
        _ => $"{value:N0} free tokens",
    };

    /// <summary>A budget or an amount given: money for discounts (in the promotion's currency), tokens otherwise.</summary>
    public static string Budget(PromotionType type, long amount, string? currency) =>
        GivesTokens(type) ? $"{amount:N0} tokens" : currency is null ? $"{amount:N0}" : Payments.Money.Format(amount, currency);
}
