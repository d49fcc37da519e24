namespace TokenSaas.Features;

/// <summary>A change of what a feature costs users (tokens) or us (cost per use), with who made it and why. Never edited.</summary>
public sealed class FeatureCostChange
{
    private FeatureCostChange()
    {
        FeatureKey = Reason = ActorId = ActorEmail = string.Empty;
    }

    public FeatureCostChange(string featureKey, long? costBefore, long costAfter, long? costPerUseBefore, long? costPerUseAfter,
        string reason, string actorId, string actorEmail, DateTime changedAt)
    {
        FeatureKey = featureKey;
        CostBefore = costBefore;
        CostAfter = costAfter;
        CostPerUseBefore = costPerUseBefore;
        CostPerUseAfter = costPerUseAfter;
        Reason = reason;
        ActorId = actorId;
        ActorEmail = actorEmail;
        ChangedAt = changedAt;
    }

    public long Id { get; private set; }

    public string FeatureKey { get; private set; }

    /// <summary>Null for the row that records a new feature's first cost.</summary>
    public long? CostBefore { get; private set; }

    public long CostAfter { get; private set; }

    public long? CostPerUseBefore { get; private set; }

    public long? CostPerUseAfter { get; private set; }

    public string Reason { get; private set; }

    public string ActorId { get; private set; }

    public string ActorEmail { get; private set; }

    public DateTime ChangedAt { get; private set; }
}
