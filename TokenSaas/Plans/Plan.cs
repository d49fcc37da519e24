namespace TokenSaas.Plans;

/// <summary>A subscription tier: a monthly token quota, how long a purchase lasts, and its prices.</summary>
public sealed class Plan
{
    public const string Basic = "basic";

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
    }

    public string Key { get; private set; }

    public string Name { get; private set; }

    public string Description { get; private set; }

    public long MonthlyTokens { get; private set; }

    /// <summary>How long a paid plan lasts once bought; null: no end (the free plan).</summary>
    public int? DurationDays { get; private set; }

    public bool Active { get; private set; }

    public int SortOrder { get; private set; }

    public List<PlanPrice> Prices { get; private set; } = [];

    public bool IsPaid => Prices.Any(p => p.Amount > 0);
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
