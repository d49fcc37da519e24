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
            Cost = Number(Cost, nameof(Cost), FeatureEditor.CostMessage),
            SetsCostPerUse = !errors.ContainsKey(nameof(CostPerUse)),
            CostPerUse = costPerUse,
            Active = Active,
            SortOrder = string.IsNullOrWhiteSpace(SortOrder) ? null
                : (int?)Number(SortOrder, nameof(SortOrder), CatalogueRules.SortOrderMessage, int.MaxValue),
        };
        return (change, errors);

        long? Number(string? text, string field, string message, long max = long.MaxValue)
        {
            if (CatalogueRules.Whole(text) is { } value && value <= max && value >= -max)
            {
                return value;
            }

            errors[field] = message;
            return null;
        }
    }
}

/// <summary>The two steps of the feature form: review (check, show before → after under a fresh key), then save.</summary>
public sealed class FeatureConsole(FeatureEditor editor, IOptions<AnalyticsOptions> analytics)
{
    public string Currency => analytics.Value.Currency;

    public Task<CatalogueStep> ReviewAsync(string? key, FeatureForm form, CancellationToken cancellationToken) =>
        ReviewAsync(key, form, requireReason: true, cancellationToken);

    private async Task<CatalogueStep> ReviewAsync(string? key, FeatureForm form, bool requireReason, CancellationToken cancellationToken)
    {
        var (change, errors) = form.Read(Currency);
        var preview = await editor.PreviewAsync(key ?? form.Key?.Trim(), creating: key is null, change, form.Reason, requireReason,
            cancellationToken);
        foreach (var (field, message) in preview.Errors)
        {
            errors.TryAdd(field, message);
        }

        return errors.Count > 0 ? CatalogueStep.Failed(errors) : new CatalogueStep(preview.Value!, errors, Guid.NewGuid().ToString("N"));
    }

    /// <summary>Saves the reviewed change (a new feature when <paramref name="key"/> is null); refused, it is reviewed again with the messages.</summary>
    public async Task<(CatalogueStep Step, FeatureView? Feature)> SaveAsync(string? key, FeatureForm form, AdminActor actor,
        CancellationToken cancellationToken)
    {
        var (change, errors) = form.Read(Currency);
        var act = new AdminAct(actor, form.Reason, form.IdempotencyKey);
        var result = errors.Count > 0 ? EditResult<FeatureView>.Refused(errors)
            : key is null ? await editor.CreateAsync(form.Key?.Trim(), change, act, cancellationToken)
            : await editor.UpdateAsync(key, change, act, cancellationToken);
        if (result.Value is { } feature)
        {
            var done = result.Outcome == EditOutcome.Unchanged ? "Nothing had changed."
                : key is null ? $"{feature.Name} was created." : $"{feature.Name} was saved.";
            return (new CatalogueStep([], result.Errors, form.IdempotencyKey, done), feature);
        }

        // Shown again with what was wrong; the reason can be put right in the confirm step itself.
        var again = await ReviewAsync(key, form, requireReason: false, cancellationToken);
        return (new CatalogueStep(again.Changes, result.Errors, form.IdempotencyKey), null);
    }
}
