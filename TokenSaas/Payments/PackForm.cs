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
            Tokens: CatalogueRules.Whole(Tokens, nameof(Tokens), PackEditor.TokensMessage, errors),
            BonusTokens: string.IsNullOrWhiteSpace(BonusTokens) ? 0 : CatalogueRules.Whole(BonusTokens, nameof(BonusTokens), PackEditor.BonusMessage, errors),
            Prices: errors.ContainsKey(nameof(Prices)) ? null : prices,
            Active: Active,
            SortOrder: string.IsNullOrWhiteSpace(SortOrder) ? null
                : (int?)CatalogueRules.Whole(SortOrder, nameof(SortOrder), CatalogueRules.SortOrderMessage, errors, int.MaxValue));
        return (change, errors);
    }
}

/// <summary>The pack form's review and save steps.</summary>
public sealed class PackConsole(PackEditor editor) : CatalogueConsole<PackForm, PackChange, PackView>(editor)
{
    protected override (PackChange Change, Dictionary<string, string> Errors) Read(PackForm form) => form.Read();

    protected override string NameOf(PackView item) => item.Name;
}
