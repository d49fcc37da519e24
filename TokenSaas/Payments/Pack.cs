namespace TokenSaas.Payments;

/// <summary>Tokens for sale at a price in one currency (minor units). The server always decides the price.</summary>
public sealed class Pack
{
    private Pack()
    {
        Key = Name = Currency = string.Empty;
    }

    public Pack(string key, string name, long tokens, string currency, long amount, int sortOrder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tokens);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        Key = key;
        Name = name;
        Tokens = tokens;
        Currency = currency;
        Amount = amount;
        SortOrder = sortOrder;
        Active = true;
    }

    public string Key { get; private set; }

    public string Name { get; private set; }

    public long Tokens { get; private set; }

    /// <summary>ISO 4217, upper case.</summary>
    public string Currency { get; private set; }

    /// <summary>In the currency's minor unit (paise, cents).</summary>
    public long Amount { get; private set; }

    public bool Active { get; private set; }

    public int SortOrder { get; private set; }
}
