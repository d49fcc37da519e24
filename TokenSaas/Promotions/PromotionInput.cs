namespace TokenSaas.Promotions;

/// <summary>One A/B arm as an admin asks for it.</summary>
public sealed record VariantInput(string? Name, long? Value, int? Weight);

/// <summary>
/// A promotion as an admin asks for it (the JSON body, or the form once read): money in minor
/// units, times as typed (with an offset, or local to the site's time zone). A create and an update
/// take the whole promotion.
/// </summary>
public sealed record PromotionInput
{
    public string? Name { get; init; }

    /// <summary>percent_off, amount_off, bonus_tokens or free_tokens.</summary>
    public string? Type { get; init; }

    public long? Value { get; init; }

    public string? Currency { get; init; }

    public string? Code { get; init; }

    /// <summary>["*"] (or left out while no plan is chosen): every pack.</summary>
    public IReadOnlyList<string>? Packs { get; init; }

    public IReadOnlyList<string>? Plans { get; init; }

    public bool NewBuyersOnly { get; init; }

    public long? MinAmount { get; init; }

    public long? MaxRedemptions { get; init; }

    public long? PerUserLimit { get; init; }

    public long? Budget { get; init; }

    public string? StartsAt { get; init; }

    public string? EndsAt { get; init; }

    public IReadOnlyList<VariantInput>? Variants { get; init; }

    public IReadOnlyList<string>? EligibleEmails { get; init; }

    public IReadOnlyList<string>? EligiblePlans { get; init; }

    public long? TokenExpiryDays { get; init; }
}

/// <summary>What the rules made of a valid <see cref="PromotionInput"/>: every field as it is stored.</summary>
public sealed record PromotionSettings(string Name, PromotionType Type, long Value, string? Currency, string? Code, bool AllPacks,
    List<string> Packs, List<string> Plans, bool NewBuyersOnly, long? MinAmount, int? MaxRedemptions, int PerUserLimit, long? Budget,
    DateTime? StartsAt, DateTime? EndsAt, List<PromotionVariant> Variants, List<string> EligibleEmails, List<string> EligiblePlans,
    int? TokenExpiryDays)
{
    public static PromotionSettings Of(Promotion p) => new(p.Name, p.Type, p.Value, p.Currency, p.Code, p.AllPacks, [.. p.Packs],
        [.. p.Plans], p.NewBuyersOnly, p.MinAmount, p.MaxRedemptions, p.PerUserLimit, p.Budget, Utc(p.StartsAt), Utc(p.EndsAt), [.. p.Variants],
        [.. p.EligibleEmails], [.. p.EligiblePlans], p.TokenExpiryDays);

    // SQLite hands times back without a kind; they are stored UTC, and the audit row must not see a change that is not one.
    private static DateTime? Utc(DateTime? time) => time is { } t ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : null;

    public void ApplyTo(Promotion p)
    {
        (p.Name, p.Type, p.Value, p.Currency, p.Code, p.AllPacks) = (Name, Type, Value, Currency, Code, AllPacks);
        (p.Packs, p.Plans, p.NewBuyersOnly, p.MinAmount, p.MaxRedemptions) = ([.. Packs], [.. Plans], NewBuyersOnly, MinAmount, MaxRedemptions);
        (p.PerUserLimit, p.Budget, p.StartsAt, p.EndsAt, p.Variants) = (PerUserLimit, Budget, StartsAt, EndsAt, [.. Variants]);
        (p.EligibleEmails, p.EligiblePlans, p.TokenExpiryDays) = ([.. EligibleEmails], [.. EligiblePlans], TokenExpiryDays);
    }

    /// <summary>The audit row's view: names as the API spells them, only what differs from <paramref name="other"/> (all when null).</summary>
    public Dictionary<string, object?> Audit(PromotionSettings? other = null)
    {
        var mine = Fields();
        if (other is null)
        {
            return mine;
        }

        var theirs = other.Fields();
        return mine.Where(f => AuditText(f.Value) != AuditText(theirs[f.Key])).ToDictionary(f => f.Key, f => f.Value);
    }

    private Dictionary<string, object?> Fields() => new()
    {
        ["name"] = Name, ["type"] = PromotionText.Type(Type), ["value"] = Value, ["currency"] = Currency, ["code"] = Code,
        ["packs"] = AllPacks ? new List<string> { "*" } : Packs, ["plans"] = Plans, ["new_buyers_only"] = NewBuyersOnly,
        ["min_amount"] = MinAmount, ["max_redemptions"] = MaxRedemptions, ["per_user_limit"] = PerUserLimit, ["budget"] = Budget,
        ["starts_at"] = StartsAt, ["ends_at"] = EndsAt,
        ["variants"] = Variants.Select(v => new { name = v.Name, value = v.Value, weight = v.Weight }).ToList(),
        ["eligible_emails"] = EligibleEmails, ["eligible_plans"] = EligiblePlans, ["token_expiry_days"] = TokenExpiryDays,
    };

    private static string AuditText(object? value) => TokenSaas.Audit.AuditRecord.ToJson(value) ?? "null";
}
