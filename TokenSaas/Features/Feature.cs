namespace TokenSaas.Features;

/// <summary>Something users spend tokens on. A cost of 0 means free: no balance needed, use still logged.</summary>
public sealed class Feature
{
    public const int MaxKeyLength = 50;

    private Feature()
    {
        Key = Name = Description = Category = string.Empty;
    }

    public Feature(string key, string name, string category, long cost, string description, int sortOrder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(key.Length, MaxKeyLength);
        ArgumentOutOfRangeException.ThrowIfNegative(cost);
        Key = key;
        Name = name;
        Category = category;
        Cost = cost;
        Description = description;
        SortOrder = sortOrder;
        Active = true;
    }

    public string Key { get; private set; }

    public string Name { get; private set; }

    public string Category { get; private set; }

    public string Description { get; private set; }

    /// <summary>Tokens per use.</summary>
    public long Cost { get; private set; }

    public bool Active { get; private set; }

    public int SortOrder { get; private set; }

    /// <summary>What one use costs us, in minor units of Analytics:Currency (for margins); null: not set.</summary>
    public long? CostPerUse { get; private set; }

    public bool IsFree => Cost == 0;

    public void Update(string name, string category, string description, long cost, long? costPerUse, bool active, int sortOrder)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cost);
        Name = name;
        Category = category;
        Description = description;
        Cost = cost;
        CostPerUse = costPerUse;
        Active = active;
        SortOrder = sortOrder;
    }
}
