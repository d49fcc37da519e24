using TokenSaas.Payments;

namespace TokenSaas.Pages.Tokens;

/// <summary>How a purchase reads wherever it is listed (payment result, history, dashboard), promotion included.</summary>
public static class PurchaseText
{
    /// <summary>"600 tokens (100 bonus with DIWALI)", "standard plan".</summary>
    public static string Bought(Payment p) =>
        (p.Kind == PaymentKind.Pack ? $"{p.TotalTokens:N0} tokens" : $"{p.ItemKey} plan") + Bonus(p);

    /// <summary>"₹375 — ₹125 off with DIWALI25", or just "₹500" without a discount.</summary>
    public static string Paid(Payment p) =>
        Money.Format(p.Amount, p.Currency) + (p.Discount > 0 ? $" — {Money.Format(p.Discount, p.Currency)} off with {p.PromotionCode}" : "");

    private static string Bonus(Payment p) =>
        p.PromotionBonus <= 0 ? ""
        : p.Kind == PaymentKind.Pack ? $" ({p.PromotionBonus:N0} bonus with {p.PromotionCode})"
        : $" + {p.PromotionBonus:N0} bonus tokens with {p.PromotionCode}";
}
