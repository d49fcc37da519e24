using System.Globalization;
using TokenSaas.Admin;
using TokenSaas.Audit;
using TokenSaas.Ledger;

namespace TokenSaas.Payments;

/// <summary>The pack form as posted: every field as typed, prices in the major unit (₹499.50), checked by <see cref="Read"/>.</summary>
public sealed class PackForm : ICatalogueForm
{
    public string? Key { get; set; }

    public string? Name { get; set; }

    public string? Tokens { get; set; }

    public string? BonusTokens { get; set; }

    /// <summary>Currency → price as typed, in rupees, dollars …; empty: not sold in that currency.</summary>
    public Dictionary<string, string?> Prices { get; set; } = [];

    public string? SortOrder { get; set; }

    public bool Active { get; set; } = true;

    public string? Reason { get; set; }

    /// <summary>Made when the confirm step is shown: confirming twice saves once.</summary>
    public string? IdempotencyKey { get; set; }

    public static PackForm From(PackView pack) => new()
    {
        Key = pack.Key,
        Name = pack.Name,
        Tokens = pack.Tokens.ToString(CultureInfo.InvariantCulture),
        BonusTokens = pack.BonusTokens.ToString(CultureInfo.InvariantCulture),
        Prices = pack.Prices.ToDictionary(p => p.Currency, p => (string?)Money.ToInput(p.Amount, p.Currency)),
        SortOrder = pack.SortOrder.ToString(CultureInfo.InvariantCulture),
        Active = pack.Active,
    };

    /// <summary>The change the form asks for, and what could not be read (keyed by field).</summary>
    public (PackChange Change, Dictionary<string, string> Errors) Read()
    {
        var errors = new Dictionary<string, string>();
        var prices = new List<PriceInput?>();
        foreach (var (currency, text) in Prices.Where(p => !string.IsNullOrWhiteSpace(p.Value)).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!Money.TryParseMajor(text, currency, out var amount))
            {
                errors.TryAdd(nameof(Prices), $"Enter the {currency} price as an amount such as {Money.ToInput(49_950, currency)}.");
            }
            else if (amount <= 0)
            {
                errors.TryAdd(nameof(Prices), $"The {currency} price must be more than {Money.Format(0, currency)}.");
            }
            else if (amount > PriceRules.MaxAmount)
            {
                errors.TryAdd(nameof(Prices), $"The {currency} price must be at most {Money.Format(PriceRules.MaxAmount, currency)}.");
            }

            prices.Add(new PriceInput(currency, amount));
        }

        var change = new PackChange(
            Name: Name ?? string.Empty,
            Tokens: Number(Tokens, nameof(Tokens), PackEditor.TokensMessage),
            BonusTokens: string.IsNullOrWhiteSpace(BonusTokens) ? 0 : Number(BonusTokens, nameof(BonusTokens), PackEditor.BonusMessage),
            Prices: errors.ContainsKey(nameof(Prices)) ? null : prices,
            Active: Active,
            SortOrder: string.IsNullOrWhiteSpace(SortOrder) ? null
                : (int?)Number(SortOrder, nameof(SortOrder), CatalogueRules.SortOrderMessage, int.MaxValue));
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

/// <summary>The two steps of the pack form: review (check, show before → after under a fresh key), then save.</summary>
public sealed class PackConsole(PackEditor editor)
{
    public Task<CatalogueStep> ReviewAsync(string? key, PackForm form, CancellationToken cancellationToken) =>
        ReviewAsync(key, form, requireReason: true, cancellationToken);

    private async Task<CatalogueStep> ReviewAsync(string? key, PackForm form, bool requireReason, CancellationToken cancellationToken)
    {
        var (change, errors) = form.Read();
        var preview = await editor.PreviewAsync(key ?? form.Key?.Trim(), creating: key is null, change, form.Reason, requireReason,
            cancellationToken);
        foreach (var (field, message) in preview.Errors)
        {
            errors.TryAdd(field, message);
        }

        return errors.Count > 0 ? CatalogueStep.Failed(errors) : new CatalogueStep(preview.Value!, errors, Guid.NewGuid().ToString("N"));
    }

    /// <summary>Saves the reviewed change (a new pack when <paramref name="key"/> is null); refused, it is reviewed again with the messages.</summary>
    public async Task<(CatalogueStep Step, PackView? Pack)> SaveAsync(string? key, PackForm form, AdminActor actor,
        CancellationToken cancellationToken)
    {
        var (change, errors) = form.Read();
        var act = new AdminAct(actor, form.Reason, form.IdempotencyKey);
        var result = errors.Count > 0 ? EditResult<PackView>.Refused(errors)
            : key is null ? await editor.CreateAsync(form.Key?.Trim(), change, act, cancellationToken)
            : await editor.UpdateAsync(key, change, act, cancellationToken);
        if (result.Value is { } pack)
        {
            var done = result.Outcome == EditOutcome.Unchanged ? "Nothing had changed."
                : key is null ? $"{pack.Name} was created." : $"{pack.Name} was saved.";
            return (new CatalogueStep([], result.Errors, form.IdempotencyKey, done), pack);
        }

        // Shown again with what was wrong; the reason can be put right in the confirm step itself.
        var again = await ReviewAsync(key, form, requireReason: false, cancellationToken);
        return (new CatalogueStep(again.Changes, result.Errors, form.IdempotencyKey), null);
    }
}
