using System.Globalization;
using Microsoft.Extensions.Options;
using TokenSaas.Admin;
using TokenSaas.Analytics;
using TokenSaas.Audit;
using TokenSaas.Ledger;
using TokenSaas.Payments;

namespace TokenSaas.Features;

/// <summary>The feature form as posted: every field as typed, the cost per use in the major unit of Analytics:Currency (₹0.40).</summary>
public sealed class FeatureForm : ICatalogueForm
{
    public string? Key { get; set; }

    public string? Name { get; set; }

    public string? Category { get; set; }

    public string? Description { get; set; }

    public string? Cost { get; set; }

    /// <summary>What one use costs us, in rupees, dollars …; empty: not set.</summary>
    public string? CostPerUse { get; set; }

    public string? SortOrder { get; set; }

    public bool Active { get; set; } = true;

    public string? Reason { get; set; }

    /// <summary>Made when the confirm step is shown: confirming twice saves once.</summary>
    public string? IdempotencyKey { get; set; }

    public static FeatureForm From(FeatureView feature, string currency) => new()
    {
        Key = feature.Key,
        Name = feature.Name,
        Category = feature.Category,
        Description = feature.Description,
        Cost = feature.Cost.ToString(CultureInfo.InvariantCulture),
        CostPerUse = feature.CostPerUse is { } c ? Money.ToInput(c, currency) : null,
        SortOrder = feature.SortOrder.ToString(CultureInfo.InvariantCulture),
        Active = feature.Active,
    };

    /// <summary>The change the form asks for, and what could not be read (keyed by field).</summary>
    public (FeatureChange Change, Dictionary<string, string> Errors) Read(string currency)
    {
        var errors = new Dictionary<string, string>();
        long? costPerUse = null;
        if (!string.IsNullOrWhiteSpace(CostPerUse))
        {
            if (Money.TryParseMajor(CostPerUse, currency, out var amount) && amount is >= 0 and <= PriceRules.MaxAmount)
            {
                costPerUse = amount;
            }
            else
            {
                errors[nameof(CostPerUse)] =
                    $"Enter what one use costs us in {currency}, from {Money.Format(0, currency)} to {Money.Format(PriceRules.MaxAmount, currency)} "
                    + $"(such as {Money.ToInput(40, currency)}), or leave it empty.";
            }
        }

        var change = new FeatureChange
        {
            Name = Name ?? string.Empty,
            Category = Category ?? string.Empty,
            Description = Description ?? string.Empty,
            Cost = CatalogueRules.Whole(Cost, nameof(Cost), FeatureEditor.CostMessage, errors),
            SetsCostPerUse = !errors.ContainsKey(nameof(CostPerUse)),
            CostPerUse = costPerUse,
            Active = Active,
            SortOrder = string.IsNullOrWhiteSpace(SortOrder) ? null
                : (int?)CatalogueRules.Whole(SortOrder, nameof(SortOrder), CatalogueRules.SortOrderMessage, errors, int.MaxValue),
        };
        return (change, errors);
    }
}

/// <summary>The feature form's review and save steps; costs per use are read in Analytics:Currency.</summary>
public sealed class FeatureConsole(FeatureEditor editor, IOptions<AnalyticsOptions> analytics)
    : CatalogueConsole<FeatureForm, FeatureChange, FeatureView>(editor)
{
    public string Currency => analytics.Value.Currency;

    protected override (FeatureChange Change, Dictionary<string, string> Errors) Read(FeatureForm form) => form.Read(Currency);

    protected override string NameOf(FeatureView item) => item.Name;
}
