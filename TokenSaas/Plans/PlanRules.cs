using TokenSaas.Payments;

namespace TokenSaas.Plans;

/// <summary>What a plan must be to be saved; messages are for the admin who typed it, keyed by field.</summary>
public static class PlanRules
{
    public const long MaxMonthlyTokens = 100_000_000;
    public const int MaxDurationDays = 3_660;
    public const int MaxBullets = 12;
    public const int MaxBulletLength = 120;
    /// <summary>The reason lands in the audit log, whose column holds this much (PlanVersion's own column holds more).</summary>
    public const int MaxReasonLength = Audit.AuditEntry.MaxReasonLength;

    /// <summary>/admin/plans/new opens the editor on a new plan, so no plan may have this key.</summary>
    public const string NewKey = Admin.CatalogueRules.ReservedKey;


    /// <param name="existing">The plan being edited; null when creating one.</param>
    /// <param name="othersActive">How many other plans are on sale (hiding the last one is refused).</param>
    public static Dictionary<string, string> Validate(PlanInput input, Plan? existing, int othersActive, IReadOnlySet<string> currencies,
        DateTime now)
    {
        var errors = new Dictionary<string, string>();
        if (existing is null && (input.Key is null || !Admin.CatalogueRules.IsKey(input.Key, Plan.MaxKeyLength) || input.Key == NewKey))
        {
            errors["key"] = input.Key == NewKey
                ? "\"new\" is taken by the editor's address; choose another key."
                : "Use 2 to 30 lower-case letters, digits or underscores, e.g. \"team\".";
        }

        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > 60)
        {
            errors["name"] = "Give the plan a name of at most 60 characters.";
        }

        if ((input.Description?.Length ?? 0) > 500)
        {
            errors["description"] = "Keep the description to 500 characters.";
        }

        if (input.MonthlyTokens is not { } tokens || tokens < 0 || tokens > MaxMonthlyTokens)
        {
            errors["monthly_tokens"] = $"Monthly tokens must be a whole number from 0 to {MaxMonthlyTokens:N0}.";
        }

        if (input.DurationDays is { } days && (days < 1 || days > MaxDurationDays))
        {
            errors["duration_days"] = $"A paid period lasts 1 to {MaxDurationDays:N0} days (leave it empty for no end).";
        }

        if (PriceRules.Validate(input.Prices, currencies, allowFree: true) is { } priceError)
        {
            errors["prices"] = priceError;
        }
        else if (input.Prices!.Any(p => p.Amount > 0) && input.DurationDays is null)
        {
            errors["duration_days"] = "A paid plan needs a duration: how many days one payment buys.";
        }

        if (input.AnnualDiscountPercent is < 0 or > 90)
        {
            errors["annual_discount_percent"] = "The annual discount is 0 to 90 % (leave it empty for no annual offer).";
        }

        var bullets = input.BulletList;
        if (bullets.Count > MaxBullets || bullets.Any(b => b.Length > MaxBulletLength))
        {
            errors["bullets"] = $"At most {MaxBullets} bullets of {MaxBulletLength} characters each.";
        }

        if (!input.Active && othersActive == 0)
        {
            errors["active"] = "This is the last plan on sale: hiding it would leave the pricing page empty. Add or show another plan first.";
        }

        if (input.Grandfather && input.EffectiveAt is not null)
        {
            errors["effective_at"] = "A migration date applies only when subscribers migrate (grandfather: false); grandfathered subscribers keep their version.";
        }
        else if (!input.Grandfather && input.EffectiveAt is { } at && at < now.AddMinutes(-5))
        {
            errors["effective_at"] = "The migration date is in the past; choose today or a later day.";
        }

        if (string.IsNullOrWhiteSpace(input.Reason) || input.Reason.Trim().Length > MaxReasonLength)
        {
            errors["reason"] = $"Say why (at most {MaxReasonLength} characters); it goes into the price history and the audit log.";
        }

        return errors;
    }
}
