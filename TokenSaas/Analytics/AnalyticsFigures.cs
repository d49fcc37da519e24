using TokenSaas.Promotions;

namespace TokenSaas.Analytics;

/// <summary>
/// One day's money in one currency (minor units): gross is what buyers were charged for payments
/// that succeeded that day (after any promotion's discount, which is shown beside it), refunded is
/// what was given back that day (whenever the payment was made), net = gross − refunded.
/// </summary>
public sealed record RevenueDay(DateOnly Date, string Currency, long Gross, long Discount, long Refunded)
{
    public long Net => Gross - Refunded;
}

/// <summary>One day's tokens: granted per bucket (grant entries), and spent on features (net of refunds and released holds).</summary>
public sealed record TokenDay(DateOnly Date, IReadOnlyDictionary<string, long> GrantedByBucket, long Spent)
{
    public long Granted => GrantedByBucket.Values.Sum();
}

/// <summary>
/// A feature over the range: uses and tokens net of refunds and released holds; cost = uses × its
/// admin-set cost per use (null when none is set); revenue = tokens × <see cref="AnalyticsFigures.RevenuePerToken"/>;
/// margin = revenue − cost. Money in minor units of Analytics:Currency.
/// </summary>
public sealed record FeatureFigures(string Feature, long Uses, long Tokens, long? CostPerUse, long Cost, long Revenue)
{
    public long Margin => Revenue - Cost;
}

/// <summary>A currency's totals, and the average net revenue per person who paid in it (null: nobody did).</summary>
public sealed record CurrencyFigures(string Currency, long Gross, long Discount, long Refunded, int Paying, long TokensSold)
{
    public long Net => Gross - Refunded;

    public long? Arppu => Paying == 0 ? null : (long)Math.Round((decimal)Net / Paying, MidpointRounding.AwayFromZero);
}

/// <summary>
/// Registered: people signed up by the end of the range (in range: during it); active: people who used a
/// feature in the range; paying: people with a payment that succeeded in the range and was not refunded;
/// conversion = paying ÷ registered.
/// </summary>
public sealed record UserFigures(int Registered, int RegisteredInRange, int Active, int Paying)
{
    public decimal? Conversion => Registered == 0 ? null : Math.Round((decimal)Paying / Registered, 4);
}

/// <summary>A promotion's counted uses in the range in one currency (null: free tokens).</summary>
public sealed record PromotionFigures(long PromotionId, string Name, string? Currency, long Redemptions, long Discount, long Net, long Tokens);

public sealed record TopSpender(string UserId, string Email, long Tokens, long Uses);

/// <summary>Every figure of /admin/analytics for whole days <see cref="Range"/> of the site's time zone.</summary>
public sealed record AnalyticsFigures(
    ReportRange Range,
    string Currency,
    IReadOnlyList<string> Currencies,
    IReadOnlyList<RevenueDay> Revenue,
    IReadOnlyList<TokenDay> Tokens,
    IReadOnlyList<FeatureFigures> Features,
    IReadOnlyList<CurrencyFigures> Totals,
    UserFigures Users,
    IReadOnlyList<PromotionFigures> Promotions,
    decimal? RevenuePerToken)
{
    public long Granted => Tokens.Sum(t => t.Granted);

    public long Spent => Tokens.Sum(t => t.Spent);

    public IReadOnlyList<string> Buckets => Tokens.SelectMany(t => t.GrantedByBucket.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
}

/// <summary>Figures, or why there are none (a range that cannot be read).</summary>
public sealed record AnalyticsAnswer(AnalyticsFigures? Figures, string? Error, ReportRange? Range = null);
