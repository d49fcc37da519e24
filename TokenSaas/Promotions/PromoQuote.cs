using TokenSaas.Payments;

namespace TokenSaas.Promotions;

/// <summary>What a promotion does to one purchase (or one free-token redemption) for one user, worked out by the server.</summary>
public sealed record PromoQuote(long PromotionId, string Code, string? Variant, PromotionType Type, long Discount, long BonusTokens,
    string Identity)
{
    /// <summary>What it takes from the promotion's budget.</summary>
    public long BudgetCost => Type is PromotionType.PercentOff or PromotionType.AmountOff ? Discount : BonusTokens;
}

/// <summary>The price of one item for one user, with the code they typed applied, or why it does not apply.</summary>
public sealed record CheckoutQuote(PaymentItem Item, string? Code, PromoQuote? Applied, string? Reason)
{
    public long Amount => Item.Amount;

    public long Discount => Applied?.Discount ?? 0;

    public long FinalAmount => Item.Amount - Discount;

    public string Currency => Item.Currency;

    public long Tokens => Item.Tokens;

    /// <summary>Every bonus token: the pack's own, the bulk bonus and the promotion's.</summary>
    public long BonusTokens => Item.BonusTokens + (Applied?.BonusTokens ?? 0);

    public bool HasCode => !string.IsNullOrEmpty(Code);

    public bool Valid => Applied is not null;
}
