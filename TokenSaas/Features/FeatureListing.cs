using Microsoft.Extensions.Options;
using TokenSaas.Analytics;
using TokenSaas.Payments;

namespace TokenSaas.Features;

/// <summary>The admin feature list's filters, as typed in the query string.</summary>
public sealed class FeatureQuery
{
    public const int MaxSearchLength = 100;

    public string? Q { get; set; }

    public string? Category { get; set; }

    /// <summary>all (default) · active · hidden</summary>
    public string? Status { get; set; }

    public bool IsFiltered => !string.IsNullOrWhiteSpace(Q) || !string.IsNullOrWhiteSpace(Category) || Status is "active" or "hidden";
}

/// <summary>
/// What one use earns and costs, in minor units of Analytics:Currency: earnings at the cheapest
/// pack's price per token (free tokens earn nothing, so this is what a paid use earns at least).
/// </summary>
public sealed record FeatureMargin(decimal EarnsPerUse, long CostsPerUse, int? Percent);

public sealed record FeatureRow(FeatureView Feature, FeatureMargin? Margin);

/// <summary>A page of the admin feature list: the rows that match, every category, and what a token sells for at least.</summary>
public sealed record FeatureList(IReadOnlyList<FeatureRow> Items, int Total, IReadOnlyList<string> Categories, string Currency,
    decimal? PricePerToken);

public sealed class FeatureListing(FeatureEditor features, PackCatalog packs, IOptions<AnalyticsOptions> analytics)
{
    public string Currency => analytics.Value.Currency;

    public async Task<FeatureList> ListAsync(FeatureQuery query, CancellationToken cancellationToken)
    {
        var all = await features.ListAsync(cancellationToken);
        var pricePerToken = await PricePerTokenAsync(cancellationToken);
        var q = query.Q?.Trim();
        var matching = all.Where(f =>
                (string.IsNullOrEmpty(q) || f.Key.Contains(q, StringComparison.OrdinalIgnoreCase) || f.Name.Contains(q, StringComparison.OrdinalIgnoreCase))
                && (string.IsNullOrWhiteSpace(query.Category) || f.Category == query.Category)
                && (query.Status switch { "active" => f.Active, "hidden" => !f.Active, _ => true }))
            .OrderBy(f => f.Category, StringComparer.OrdinalIgnoreCase).ThenBy(f => f.SortOrder).ThenBy(f => f.Key)
            .Select(f => new FeatureRow(f, Margin(f, pricePerToken)))
            .ToList();
        var categories = all.Select(f => f.Category).Distinct().Order(StringComparer.OrdinalIgnoreCase).ToList();
        return new FeatureList(matching, all.Count, categories, Currency, pricePerToken);
    }

    /// <summary>The lowest a token sells for now in Analytics:Currency (minor units), counting every bonus; null when no pack is sold in it.</summary>
    public async Task<decimal?> PricePerTokenAsync(CancellationToken cancellationToken) =>
        (await packs.OffersAsync(cancellationToken)).Where(o => o.Currency == Currency)
            .Select(o => (decimal?)o.Amount / (o.Pack.Tokens + o.BonusTokens)).Min();

    public static FeatureMargin? Margin(FeatureView feature, decimal? pricePerToken)
    {
        if (feature.CostPerUse is not { } costs)
        {
            return null;
        }

        var earns = feature.Cost * (pricePerToken ?? 0);
        int? percent = pricePerToken is null || earns == 0 ? null : (int)Math.Round((earns - costs) / earns * 100, MidpointRounding.AwayFromZero);
        return new FeatureMargin(earns, costs, percent);
    }
}
