using System.Text.Json;

namespace TokenSaas.Plans;

/// <summary>
/// A subscription tier. Its terms that money depends on (quota, duration, prices) are versioned
/// (<see cref="PlanVersion"/>); the row carries the current version's terms so that what is on
/// sale reads in one place. Name, description, bullets and order are not versioned: they change
/// what the card says, not what anyone pays or gets.
/// </summary>
public sealed class Plan
{
    public const string Basic = "basic";
    public const int MaxKeyLength = 30;

    private string bullets = "[]";

    private Plan()
    {
        Key = Name = Description = string.Empty;
    }

    public Plan(string key, string name, long monthlyTokens, int? durationDays, string description, int sortOrder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentOutOfRangeException.ThrowIfNegative(monthlyTokens);
        Key = key;
        Name = name;
        MonthlyTokens = monthlyTokens;
        DurationDays = durationDays;
        Description = description;
        SortOrder = sortOrder;
        Active = true;
        Version = 1;
    }

    public string Key { get; private set; }

    public string Name { get; private set; }

    public string Description { get; private set; }

    public long MonthlyTokens { get; private set; }

    /// <summary>How long a paid plan lasts once bought; null: no end (the free plan).</summary>
    public int? DurationDays { get; private set; }

    public bool Active { get; private set; }

    public int SortOrder { get; private set; }

    /// <summary>The current version: what new subscribers get and pay.</summary>
    public int Version { get; private set; }

    /// <summary>The price of a year (12 periods) is this much lower than 12 × the period's price; null: no annual offer.</summary>
    public int? AnnualDiscountPercent { get; private set; }

    /// <summary>The card's feature bullets, in order.</summary>
    public IReadOnlyList<string> Bullets
    {
        get => JsonSerializer.Deserialize<List<string>>(bullets) ?? [];
        private set => bullets = JsonSerializer.Serialize(value);
    }

    /// <summary>The current version's prices.</summary>
    public List<PlanPrice> Prices { get; private set; } = [];

    public List<PlanVersion> Versions { get; private set; } = [];

    public bool IsPaid => Prices.Any(p => p.Amount > 0);

    /// <summary>12 periods at the annual discount, in the price's currency; null when there is no annual offer.</summary>
    public long? AnnualAmount(long periodAmount) =>
        AnnualDiscountPercent is { } discount ? periodAmount * 12 * (100 - discount) / 100 : null;

    /// <summary>What the card says; no version needed.</summary>
    public void Describe(string name, string description, IReadOnlyList<string> bulletList, bool active, int sortOrder, int? annualDiscountPercent)
    {
        Name = name;
        Description = description;
        Bullets = bulletList;
        Active = active;
        SortOrder = sortOrder;
        AnnualDiscountPercent = annualDiscountPercent;
    }

    /// <summary>Makes <paramref name="version"/> the current one: its terms become what is on sale.</summary>
    public void Publish(PlanVersion version)
    {
        if (version.PlanKey != Key || version.Number != (Versions.Count == 0 ? 1 : Versions.Max(v => v.Number) + 1))
        {
            throw new InvalidOperationException($"Version {version.Number} does not follow {Key}'s versions.");
        }

        Versions.Add(version);
        Version = version.Number;
        MonthlyTokens = version.MonthlyTokens;
        DurationDays = version.DurationDays;
        Prices.Clear();
        Prices.AddRange(version.Prices.Select(p => new PlanPrice(p.Currency, p.Amount)));
    }
}

/// <summary>A plan's price in one currency, in the currency's minor unit (paise, cents).</summary>
public sealed class PlanPrice
{
    private PlanPrice()
    {
        PlanKey = Currency = string.Empty;
    }

    public PlanPrice(string currency, long amount)
    {
        PlanKey = string.Empty;
        Currency = currency;
        Amount = amount;
    }

    public string PlanKey { get; private set; }

    /// <summary>ISO 4217, upper case ("INR").</summary>
    public string Currency { get; private set; }

    public long Amount { get; private set; }
}
