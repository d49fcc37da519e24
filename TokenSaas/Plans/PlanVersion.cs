using System.Text.Json;

namespace TokenSaas.Plans;

/// <summary>A price in one currency, in its minor unit.</summary>
public sealed record Price(string Currency, long Amount);

/// <summary>
/// One published set of a plan's money terms. Versions are never edited: subscribers stay on the
/// version they bought until they change plan or, when a later version migrates them, until their
/// first renewal on or after <see cref="MigrateAt"/>.
/// </summary>
public sealed class PlanVersion
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private string prices = "[]";

    private PlanVersion()
    {
        PlanKey = Reason = ActorId = ActorEmail = string.Empty;
    }

    public PlanVersion(string planKey, int number, long monthlyTokens, int? durationDays, IReadOnlyList<Price> priceList,
        DateTime? migrateAt, string reason, string actorId, string actorEmail, DateTime createdAt)
    {
        PlanKey = planKey;
        Number = number;
        MonthlyTokens = monthlyTokens;
        DurationDays = durationDays;
        Prices = priceList;
        MigrateAt = migrateAt;
        Reason = reason;
        ActorId = actorId;
        ActorEmail = actorEmail;
        CreatedAt = createdAt;
    }

    public string PlanKey { get; private set; }

    public int Number { get; private set; }

    public long MonthlyTokens { get; private set; }

    public int? DurationDays { get; private set; }

    public IReadOnlyList<Price> Prices
    {
        get => JsonSerializer.Deserialize<List<Price>>(prices, Json) ?? [];
        private set => prices = JsonSerializer.Serialize(value, Json);
    }

    /// <summary>Null: earlier versions' subscribers are grandfathered. Else they move at their first renewal on or after it.</summary>
    public DateTime? MigrateAt { get; private set; }

    /// <summary>When subscribers who will move were told (the notice job is done with this version).</summary>
    public DateTime? NoticesSentAt { get; private set; }

    public string Reason { get; private set; }

    public string ActorId { get; private set; }

    public string ActorEmail { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>
    /// The version a subscriber on <paramref name="current"/> renews into at <paramref name="at"/>:
    /// the latest later version whose migration date has come, else their own.
    /// </summary>
    public static PlanVersion RenewalVersion(IReadOnlyList<PlanVersion> versions, int current, DateTime at) =>
        versions.Where(v => v.Number > current && v.MigrateAt <= at).MaxBy(v => v.Number)
        ?? versions.FirstOrDefault(v => v.Number == current)
        ?? versions.MaxBy(v => v.Number)!;

    public long? PriceIn(string currency) => Prices.FirstOrDefault(p => p.Currency == currency)?.Amount;

    public void NoticesSent(DateTime now) => NoticesSentAt = now;
}
