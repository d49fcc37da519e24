using TokenSaas.Payments;

namespace TokenSaas.Plans;

/// <summary>
/// A plan as an admin submits it (editor form or JSON): every field, any of them missing or wrong
/// until <see cref="PlanRules.Validate"/> says otherwise. <see cref="DurationDays"/> null: no end.
/// </summary>
public sealed record PlanInput
{
    public string? Key { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public long? MonthlyTokens { get; init; }
    public int? DurationDays { get; init; }
    public IReadOnlyList<PriceInput>? Prices { get; init; }
    public int? AnnualDiscountPercent { get; init; }
    public IReadOnlyList<string>? Bullets { get; init; }
    public bool Active { get; init; } = true;
    public int SortOrder { get; init; }

    /// <summary>True: current subscribers keep their version. False: they move at their first renewal on or after <see cref="EffectiveAt"/>.</summary>
    public bool Grandfather { get; init; } = true;
    public DateTime? EffectiveAt { get; init; }
    public string? Reason { get; init; }
    public string? IdempotencyKey { get; init; }

    /// <summary>The version the editor was opened at; a save against a newer one is refused (someone else changed the plan).</summary>
    public int? ExpectedVersion { get; init; }

    public static PlanInput From(Plan plan) => new()
    {
        Key = plan.Key,
        Name = plan.Name,
        Description = plan.Description,
        MonthlyTokens = plan.MonthlyTokens,
        DurationDays = plan.DurationDays,
        Prices = plan.Prices.OrderBy(p => p.Currency).Select(p => new PriceInput(p.Currency, p.Amount)).ToList(),
        AnnualDiscountPercent = plan.AnnualDiscountPercent,
        Bullets = plan.Bullets,
        Active = plan.Active,
        SortOrder = plan.SortOrder,
        ExpectedVersion = plan.Version,
    };

    public IReadOnlyList<Price> PriceList => PriceRules.Normalise(Prices ?? []).Select(p => new Price(p.Currency, p.Amount)).ToList();

    public IReadOnlyList<string> BulletList => (Bullets ?? []).Select(b => b.Trim()).Where(b => b.Length > 0).ToList();
}

/// <summary>What a plan's card and the audit log show of it: every field an admin can set.</summary>
public sealed record PlanSnapshot(string Name, string Description, long MonthlyTokens, int? DurationDays, IReadOnlyList<Price> Prices,
    int? AnnualDiscountPercent, IReadOnlyList<string> Bullets, bool Active, int SortOrder, int Version)
{
    public static PlanSnapshot Of(Plan plan) => new(plan.Name, plan.Description, plan.MonthlyTokens, plan.DurationDays,
        plan.Prices.OrderBy(p => p.Currency).Select(p => new Price(p.Currency, p.Amount)).ToList(), plan.AnnualDiscountPercent,
        plan.Bullets, plan.Active, plan.SortOrder, plan.Version);

    /// <summary>True when money terms differ: price, quota or duration. Those publish a new version.</summary>
    public bool TermsDiffer(PlanSnapshot other) =>
        MonthlyTokens != other.MonthlyTokens || DurationDays != other.DurationDays || !Prices.SequenceEqual(other.Prices);
}
