namespace TokenSaas.Payments;

/// <summary>Tokens for sale, at a price in each currency it is sold in (minor units). The server always decides the price.</summary>
public sealed class Pack
{
    public const int MaxKeyLength = 30;

    private Pack()
    {
        Key = Name = string.Empty;
    }

    public Pack(string key, string name, long tokens, string currency, long amount, int sortOrder)
        : this(key, name, tokens, 0, [new PackPrice(currency, amount)], sortOrder)
    {
    }

    public Pack(string key, string name, long tokens, long bonusTokens, IReadOnlyList<PackPrice> prices, int sortOrder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tokens);
        ArgumentOutOfRangeException.ThrowIfNegative(bonusTokens);
        Key = key;
        Name = name;
        Tokens = tokens;
        BonusTokens = bonusTokens;
        Prices = prices.ToList();
        SortOrder = sortOrder;
        Active = true;
    }

    public string Key { get; private set; }

    public string Name { get; private set; }

    public long Tokens { get; private set; }

    /// <summary>Extra tokens the admin gives with this pack, on top of the bulk-purchase bonus.</summary>
    public long BonusTokens { get; private set; }

    public List<PackPrice> Prices { get; private set; } = [];

    public bool Active { get; private set; }

    public int SortOrder { get; private set; }

    public void Update(string name, long tokens, long bonusTokens, IReadOnlyList<PackPrice> prices, bool active, int sortOrder)
    {
        Name = name;
        Tokens = tokens;
        BonusTokens = bonusTokens;
        Active = active;
        SortOrder = sortOrder;
        Prices.RemoveAll(p => prices.All(n => n.Currency != p.Currency));
        foreach (var price in prices)
        {
            if (Prices.FirstOrDefault(p => p.Currency == price.Currency) is { } existing)
            {
                existing.Amount = price.Amount;
            }
            else
            {
                Prices.Add(new PackPrice(price.Currency, price.Amount));
            }
        }
    }
}

/// <summary>A pack's price in one currency (minor units).</summary>
public sealed class PackPrice
{
    private PackPrice()
    {
        PackKey = Currency = string.Empty;
    }

    public PackPrice(string currency, long amount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        PackKey = string.Empty;
        Currency = currency;
        Amount = amount;
    }

    public string PackKey { get; private set; }

    /// <summary>ISO 4217, upper case.</summary>
    public string Currency { get; private set; }

    public long Amount { get; internal set; }
}
