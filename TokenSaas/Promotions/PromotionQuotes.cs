using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;
using TokenSaas.Payments;

namespace TokenSaas.Promotions;

/// <summary>
/// Whether a typed code applies to a purchase, and what it takes off or adds. The same rules run
/// for the live quote, the checkout (again, inside its transaction, by <see cref="Redemptions"/>)
/// and free-token codes, so what the buyer was shown is what they are charged.
/// </summary>
public sealed class PromotionQuotes(AppDbContext db, TimeProvider clock)
{
    /// <summary>The price of <paramref name="item"/> for the user with <paramref name="typedCode"/> applied (or why it cannot be).</summary>
    public async Task<CheckoutQuote> QuoteAsync(string userId, PaymentItem item, string? typedCode, CancellationToken cancellationToken)
    {
        var code = PromotionCode.Normalize(typedCode);
        if (code.Length == 0)
        {
            return new CheckoutQuote(item, null, null, null);
        }

        var (promotion, found, identity, reason) = await CheckAsync(userId, code, item, cancellationToken);
        if (promotion is null)
        {
            return new CheckoutQuote(item, code, null, reason);
        }

        if (promotion.Type == PromotionType.FreeTokens)
        {
            return new CheckoutQuote(item, code, null, "This code gives free tokens: redeem it on the Redeem a code page instead.");
        }

        var variant = promotion.VariantFor(userId);
        var value = variant?.Value ?? promotion.Value;
        var (discount, bonus) = promotion.Type switch
        {
            PromotionType.PercentOff => (Math.Min(item.Amount, (long)Math.Round(item.Amount * value / 100m, MidpointRounding.AwayFromZero)), 0L),
            PromotionType.AmountOff => (Math.Min(item.Amount, value), 0L),
            _ => (0L, value),
        };
        var quote = new PromoQuote(promotion.Id, found!.Code, variant?.Name, promotion.Type, discount, bonus, identity!);
        if (promotion.Budget is { } budget && promotion.BudgetUsed + promotion.BudgetReserved + quote.BudgetCost > budget)
        {
            return new CheckoutQuote(item, code, null, "This promotion's budget is spent.");
        }

        return new CheckoutQuote(item, code, quote, null);
    }

    /// <summary>What a free-token code gives the user, or why it does not.</summary>
    public async Task<(PromoQuote? Quote, string? Reason)> FreeTokensAsync(string userId, string? typedCode, CancellationToken cancellationToken)
    {
        var code = PromotionCode.Normalize(typedCode);
        if (code.Length == 0)
        {
            return (null, "Enter a code.");
        }

        var (promotion, found, identity, reason) = await CheckAsync(userId, code, null, cancellationToken);
        if (promotion is null)
        {
            return (null, reason);
        }

        if (promotion.Type != PromotionType.FreeTokens)
        {
            return (null, "This code is a discount: enter it when you buy tokens or a plan.");
        }

        var variant = promotion.VariantFor(userId);
        var quote = new PromoQuote(promotion.Id, found!.Code, variant?.Name, promotion.Type, 0, variant?.Value ?? promotion.Value, identity!);
        return promotion.Budget is { } budget && promotion.BudgetUsed + promotion.BudgetReserved + quote.BudgetCost > budget
            ? (null, "This promotion's budget is spent.")
            : (quote, null);
    }

    private sealed record Check(Promotion? Promotion, PromotionCode? Code, string? Identity, string? Reason)
    {
        public static implicit operator Check(string reason) => new(null, null, null, reason);
    }

    /// <summary>
    /// The promotion behind <paramref name="code"/> and the user's identity key, if the user may use it on
    /// <paramref name="item"/> (null: a free-token redemption); otherwise why not.
    /// </summary>
    private async Task<Check> CheckAsync(string userId, string code,
        PaymentItem? item, CancellationToken cancellationToken)
    {
        var found = code.Length > PromotionCode.MaxLength ? null
            : await db.PromotionCodes.AsNoTracking().SingleOrDefaultAsync(c => c.Code == code, cancellationToken);
        var promotion = found is null ? null
            : await db.Promotions.AsNoTracking().SingleOrDefaultAsync(p => p.Id == found.PromotionId, cancellationToken);
        if (found is null || promotion is null)
        {
            return $"There is no code {Shown(code)}. Check how it is spelled.";
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var status = promotion.StatusAt(now);
        if (status != PromotionStatus.Active)
        {
            return (status switch
            {
                PromotionStatus.Scheduled => "This code is not active yet.",
                PromotionStatus.Paused => "This code is paused at the moment.",
                _ when promotion.UsedUp => "This code is used up.",
                _ when promotion.BudgetSpent => "This promotion's budget is spent.",
                _ => "This code has expired.",
            });
        }

        if (item is not null && WhyNotFor(promotion, item) is { } notForItem)
        {
            return notForItem;
        }

        var email = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
        var identity = EmailIdentity.Key(email ?? userId);
        if (promotion.EligibleEmails.Count > 0 && !promotion.EligibleEmails.Contains(identity))
        {
            return "This code is not available for your account.";
        }

        if (promotion.EligiblePlans.Count > 0)
        {
            var plan = await db.TokenAccounts.AsNoTracking().Where(a => a.UserId == userId).Select(a => a.PlanKey).SingleOrDefaultAsync(cancellationToken);
            if (plan is null || !promotion.EligiblePlans.Contains(plan))
            {
                return $"This code is for members of the {string.Join(" or ", promotion.EligiblePlans)} plan.";
            }
        }

        if (promotion.NewBuyersOnly && await db.Payments.AnyAsync(p => p.UserId == userId
                && (p.Status == PaymentStatus.Succeeded || p.Status == PaymentStatus.Refunded), cancellationToken))
        {
            return "This code is for a first purchase only.";
        }

        var used = await db.Redemptions.CountAsync(r => r.PromotionId == promotion.Id && r.Identity == identity
            && r.Status != RedemptionStatus.Freed, cancellationToken);
        if (used >= promotion.PerUserLimit)
        {
            return (promotion.PerUserLimit == 1
                ? "You have already used this code."
                : $"You have already used this code {used} times, the most allowed.");
        }

        if (found.MaxUses is { } max && found.Uses >= max)
        {
            return "This code has already been used.";
        }

        if (promotion.MaxRedemptions is { } total && promotion.Redeemed + promotion.Reserved >= total)
        {
            return "This code is used up.";
        }

        return new Check(promotion, found, identity, null);
    }

    private static string? WhyNotFor(Promotion promotion, PaymentItem item)
    {
        if (promotion.Type == PromotionType.FreeTokens)
        {
            return null;
        }

        if (!promotion.AppliesTo(item.Kind, item.Key))
        {
            return $"This code does not apply to the {item.Name} {(item.Kind == PaymentKind.Pack ? "pack" : "plan")}.";
        }

        if (promotion.Currency is { } currency && currency != item.Currency)
        {
            return $"This code is for prices in {currency}; this price is in {item.Currency}.";
        }

        return promotion.MinAmount is { } min && item.Amount < min
            ? $"This code needs a purchase of at least {Money.Format(min, promotion.Currency ?? item.Currency)}."
            : null;
    }

    // Echoed back to the buyer: cut short so a pasted essay does not fill the page.
    private static string Shown(string code) => code.Length > 24 ? code[..24] + "…" : code;
}
