using System.Globalization;
using TokenSaas.Admin;
using TokenSaas.Payments;
using TokenSaas.Promotions;

namespace TokenSaas.Pages.Admin.Promotions;

/// <summary>One A/B row of the form, as typed.</summary>
public sealed class VariantRow
{
    public string? Name { get; set; }
    public string? Value { get; set; }
    public string? Weight { get; set; }
}

/// <summary>
/// The promotion form as posted: amounts in major units (₹50, $4.99), times in the site's time zone,
/// listed people one per line. <see cref="ToInput"/> turns it into what <see cref="PromotionEditor"/> takes.
/// </summary>
public sealed class PromotionForm
{
    public string? Name { get; set; }
    public string? Type { get; set; } = "percent_off";
    public string? Value { get; set; }
    public string? Currency { get; set; }
    public string? Code { get; set; }
    public bool AllPacks { get; set; } = true;
    public List<string> Packs { get; set; } = [];
    public List<string> Plans { get; set; } = [];
    public bool NewBuyersOnly { get; set; }
    public string? MinAmount { get; set; }
    public string? MaxRedemptions { get; set; }
    public string? PerUserLimit { get; set; } = "1";
    public string? Budget { get; set; }
    public string? StartsAt { get; set; }
    public string? EndsAt { get; set; }
    public List<VariantRow> Variants { get; set; } = [];
    public string? EligibleEmails { get; set; }
    public List<string> EligiblePlans { get; set; } = [];
    public string? TokenExpiryDays { get; set; }
    public string? Reason { get; set; }
    public string IdempotencyKey { get; set; } = Guid.NewGuid().ToString("N");

    private bool MoneyBudget => PromotionText.ParseType(Type) is PromotionType.PercentOff or PromotionType.AmountOff;

    /// <summary>The form opened on <paramref name="p"/>: amounts back in major units, times in <paramref name="zone"/>.</summary>
    public static PromotionForm From(PromotionView p, TimeZoneInfo zone) => new()
    {
        Name = p.Name, Type = p.Type, Currency = p.Currency, Code = p.Code, AllPacks = p.AllPacks, Packs = p.AllPacks ? [] : [.. p.Packs],
        Plans = [.. p.Plans], NewBuyersOnly = p.NewBuyersOnly, MaxRedemptions = p.MaxRedemptions?.ToString(CultureInfo.InvariantCulture),
        PerUserLimit = p.PerUserLimit.ToString(CultureInfo.InvariantCulture), StartsAt = Local(p.StartsAt, zone), EndsAt = Local(p.EndsAt, zone),
        Value = Shown(p.Value, p.Kind == PromotionType.AmountOff, p.Currency),
        MinAmount = p.MinAmount is { } min ? Shown(min, true, p.Currency) : null,
        Budget = p.Budget is { } budget ? Shown(budget, !PromotionText.GivesTokens(p.Kind), p.Currency) : null,
        Variants = p.Variants.Select(v => new VariantRow
        {
            Name = v.Name, Value = Shown(v.Value, p.Kind == PromotionType.AmountOff, p.Currency), Weight = v.Weight.ToString(CultureInfo.InvariantCulture),
        }).ToList(),
        EligibleEmails = string.Join('\n', p.EligibleEmails), EligiblePlans = [.. p.EligiblePlans],
        TokenExpiryDays = p.TokenExpiryDays?.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>As many variant rows as the form shows: the ones filled in, then empty ones up to the limit.</summary>
    public IReadOnlyList<VariantRow> VariantRows() =>
        [.. Variants, .. Enumerable.Range(0, Math.Max(0, Promotion.MaxVariants - Variants.Count)).Select(_ => new VariantRow())];

    /// <summary>The form as the editor's input; what cannot be read as a number or an amount is added to <paramref name="errors"/> by the API's field name.</summary>
    public PromotionInput ToInput(Dictionary<string, string> errors)
    {
        var currency = string.IsNullOrWhiteSpace(Currency) ? null : Currency.Trim().ToUpperInvariant();
        var amountOff = PromotionText.ParseType(Type) == PromotionType.AmountOff;
        var rows = Variants.Where(v => !string.IsNullOrWhiteSpace(v.Name) || !string.IsNullOrWhiteSpace(v.Value) || !string.IsNullOrWhiteSpace(v.Weight));
        return new PromotionInput
        {
            Name = Name, Type = Type, Currency = currency, Code = Code, NewBuyersOnly = NewBuyersOnly,
            Value = Number(Value, "value", amountOff, currency, errors, amountOff ? "Enter the amount off, such as 50 or 49.99." : "Enter the value as a whole number."),
            Packs = AllPacks ? ["*"] : Packs, Plans = Plans,
            MinAmount = Number(MinAmount, "min_amount", true, currency, errors, "Enter the minimum amount, such as 500 or 4.99."),
            MaxRedemptions = Number(MaxRedemptions, "max_redemptions", false, null, errors, "Enter the total uses as a whole number."),
            PerUserLimit = Number(PerUserLimit, "per_user_limit", false, null, errors, "Enter the uses per person as a whole number.") ?? 1,
            Budget = Number(Budget, "budget", MoneyBudget, currency, errors, MoneyBudget ? "Enter the budget as an amount, such as 10000." : "Enter the budget in tokens."),
            StartsAt = StartsAt, EndsAt = EndsAt,
            Variants = rows.Select((v, i) => new VariantInput(v.Name,
                Number(v.Value, "variants", amountOff, currency, errors, $"Enter variant {i + 1}'s value as a number."),
                Number(v.Weight, "variants", false, null, errors, $"Enter variant {i + 1}'s weight as a whole number from 1 to 100.") is { } w ? (int)Math.Clamp(w, 0, int.MaxValue) : null)).ToList(),
            EligibleEmails = (EligibleEmails ?? "").Split(['\n', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            EligiblePlans = EligiblePlans,
            TokenExpiryDays = Number(TokenExpiryDays, "token_expiry_days", false, null, errors, "Enter the days as a whole number."),
        };
    }

    /// <summary>An amount (major units, when <paramref name="money"/> and the currency is known) or a whole number; null when empty.</summary>
    private static long? Number(string? text, string field, bool money, string? currency, Dictionary<string, string> errors, string message)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (money && currency is not null)
        {
            if (Money.TryParseMajor(text, currency, out var minor))
            {
                return minor;
            }
        }
        else if (CatalogueRules.Whole(text) is { } whole)
        {
            return whole;
        }

        errors.TryAdd(field, message);
        return null;
    }

    private static string Shown(long value, bool money, string? currency) =>
        money && currency is not null ? Money.ToInput(value, currency) : value.ToString(CultureInfo.InvariantCulture);

    private static string? Local(DateTime? utc, TimeZoneInfo zone) => utc is { } t
        ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(t, DateTimeKind.Utc), zone).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture)
        : null;
}
