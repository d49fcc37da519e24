namespace TokenSaas.Plans;

/// <summary>Subscribers of one version of a plan right now.</summary>
public sealed record VersionCount(int Version, int Subscribers);

/// <summary>Revenue per period in one currency, before and after a change, if every subscriber paid in it.</summary>
public sealed record CurrencyImpact(string Currency, long Before, long After, long? PriceBefore, long? PriceAfter);

/// <summary>
/// What a change would do, per period, to the plan's current subscribers: how many move to the new
/// terms (none when grandfathered), and their revenue and tokens before → after.
/// </summary>
public sealed record PlanImpact(int Subscribers, int Affected, bool TermsChange, bool Grandfather, DateTime? MigrateAt,
    long TokensBefore, long TokensAfter, IReadOnlyList<CurrencyImpact> Revenue)
{
    public static PlanImpact Compute(IReadOnlyList<PlanVersion> versions, IReadOnlyList<VersionCount> counts, PlanSnapshot after,
        bool termsChange, bool grandfather, DateTime? migrateAt)
    {
        var byNumber = versions.ToDictionary(v => v.Number);
        var subscribers = counts.Sum(c => c.Subscribers);
        var affected = termsChange && !grandfather ? subscribers : 0;
        long Tokens(VersionCount c) => (byNumber.GetValueOrDefault(c.Version)?.MonthlyTokens ?? 0) * c.Subscribers;
        var tokensBefore = counts.Sum(Tokens);
        var tokensAfter = affected > 0 ? after.MonthlyTokens * subscribers : tokensBefore;
        var current = versions.MaxBy(v => v.Number);
        var revenue = after.Prices.Select(p => p.Currency).Union(current?.Prices.Select(p => p.Currency) ?? []).Order().Select(currency =>
        {
            var before = counts.Sum(c => (byNumber.GetValueOrDefault(c.Version)?.PriceIn(currency) ?? 0) * c.Subscribers);
            var newPrice = after.Prices.FirstOrDefault(p => p.Currency == currency)?.Amount;
            return new CurrencyImpact(currency, before, affected > 0 ? (newPrice ?? 0) * subscribers : before, current?.PriceIn(currency), newPrice);
        }).ToList();
        return new PlanImpact(subscribers, affected, termsChange, grandfather, termsChange && !grandfather ? migrateAt : null,
            tokensBefore, tokensAfter, revenue);
    }
}
