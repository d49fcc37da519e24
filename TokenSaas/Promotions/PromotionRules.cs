using System.Globalization;
using System.Text.RegularExpressions;
using TokenSaas.Admin;
using TokenSaas.Admin.Bulk;
using TokenSaas.Payments;

namespace TokenSaas.Promotions;

/// <summary>Something a promotion can target, with its prices in minor units by currency.</summary>
public sealed record PricedItem(string Key, string Name, IReadOnlyDictionary<string, long> Prices);

/// <summary>What the rules check an input against: the catalogue, the site's zone, and the promotion as it is (on an update).</summary>
public sealed record RuleContext(IReadOnlySet<string> Currencies, IReadOnlyList<PricedItem> Packs, IReadOnlyList<PricedItem> Plans,
    TimeZoneInfo Zone, DateTime Now, Promotion? Existing, bool CodeTaken);

/// <summary>
/// Whether a promotion as asked for may be saved; every message names its field (keys are the
/// API's names) and says what would do instead. Nothing here touches the database.
/// </summary>
public static partial class PromotionRules
{
    public const int MaxTokens = 1_000_000;
    public const int MaxPerUser = 100;
    public const int MaxEmails = 1_000;
    public const int MaxExpiryDays = 3650;
    public const int MaxWeight = 100;
    public const int MaxVariantName = 40;
    public const long MaxMoney = 1_000_000_000_000;

    public static (PromotionSettings? Settings, Dictionary<string, string> Errors) Validate(PromotionInput input, RuleContext context)
    {
        var errors = new Dictionary<string, string>();
        var name = input.Name?.Trim();
        Add(errors, "name", CatalogueRules.Text(name, "promotion's name", Promotion.MaxNameLength, required: true));

        var type = PromotionText.ParseType(input.Type);
        if (type is null)
        {
            errors["type"] = "Choose the type: percent_off, amount_off, bonus_tokens or free_tokens.";
        }

        var currency = string.IsNullOrWhiteSpace(input.Currency) ? null : input.Currency.Trim().ToUpperInvariant();
        if (currency is not null && !context.Currencies.Contains(currency))
        {
            errors["currency"] = $"The currency {currency} is not one the site charges in ({string.Join(", ", context.Currencies.Order())}).";
        }

        if (type is { } t)
        {
            Add(errors, "value", ValueProblem(t, input.Value, "value"));
            if (t == PromotionType.AmountOff && currency is null)
            {
                errors.TryAdd("currency", "An amount_off promotion needs its currency: the amount is taken off prices in it.");
            }
        }

        var (allPacks, packs, plans) = Targets(input, type, context, errors);
        var minAmount = input.MinAmount;
        if (minAmount is not null)
        {
            Add(errors, "min_amount", minAmount is < 1 or > MaxMoney ? "The minimum amount must be at least 1 (in minor units: paise, cents)."
                : currency is null ? "A minimum amount needs a currency: set the promotion's currency." : null);
        }

        Add(errors, "max_redemptions", input.MaxRedemptions is < 1 or > int.MaxValue
            ? "The total number of uses must be a whole number of at least 1 (leave it empty for no limit)." : null);
        var perUser = input.PerUserLimit ?? 1;
        Add(errors, "per_user_limit", perUser is < 1 or > MaxPerUser ? $"The uses per person must be from 1 to {MaxPerUser}." : null);
        if (input.Budget is { } budget)
        {
            Add(errors, "budget", budget is < 1 or > MaxMoney ? "The budget must be at least 1 (leave it empty for no budget)."
                : type is { } bt && !PromotionText.GivesTokens(bt) && currency is null
                    ? "A money budget needs a currency: set the promotion's currency." : null);
        }

        var startsAt = Time(input.StartsAt, "starts_at", "start", context.Zone, errors);
        var endsAt = Time(input.EndsAt, "ends_at", "end", context.Zone, errors);
        if (startsAt is { } s && endsAt is { } e && e <= s)
        {
            errors["ends_at"] = "The end must be after the start.";
        }
        else if (endsAt is { } end && end <= context.Now && context.Existing?.EndsAt != end)
        {
            errors["ends_at"] = "The end is already past: choose a later end (or end the promotion instead).";
        }

        var code = Code(input.Code, context.CodeTaken, errors);
        var variants = Variants(input.Variants, type, errors);
        var emails = Emails(input.EligibleEmails, errors);
        var eligiblePlans = Distinct(input.EligiblePlans);
        if (eligiblePlans.FirstOrDefault(p => context.Plans.All(x => x.Key != p)) is { } unknownPlan)
        {
            errors["eligible_plans"] = $"There is no plan \"{unknownPlan}\" to limit the promotion to.";
        }

        if (input.TokenExpiryDays is { } days)
        {
            Add(errors, "token_expiry_days", type is { } et && !PromotionText.GivesTokens(et)
                ? "Token expiry applies only to bonus_tokens and free_tokens promotions."
                : days is < 1 or > MaxExpiryDays ? $"The tokens' expiry must be from 1 to {MaxExpiryDays:N0} days (leave it empty for never)." : null);
        }

        if (type == PromotionType.AmountOff && currency is not null && input.Value is > 0 && !errors.ContainsKey("packs") && !errors.ContainsKey("plans"))
        {
            var targets = (allPacks ? context.Packs : context.Packs.Where(p => packs.Contains(p.Key)))
                .Select(p => (p, "pack")).Concat(context.Plans.Where(p => plans.Contains(p.Key)).Select(p => (p, "plan")));
            var values = new[] { input.Value.Value }.Concat(variants.Select(v => v.Value));
            if (values.Max() is var most && targets.FirstOrDefault(x => x.p.Prices.TryGetValue(currency, out var price) && most > price) is ({ } item, var what))
            {
                errors["value"] = $"{Money.Format(most, currency)} off is more than the {item.Name} {what}'s price {Money.Format(item.Prices[currency], currency)}.";
            }
        }

        if (context.Existing is { } existing && type is { } newType)
        {
            InUse(existing, newType, currency, input, errors);
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var free = type == PromotionType.FreeTokens;
        return (new PromotionSettings(name!, type!.Value, input.Value!.Value, currency, code, !free && allPacks, free ? [] : packs,
            free ? [] : plans, input.NewBuyersOnly, minAmount, (int?)input.MaxRedemptions, (int)perUser, input.Budget, startsAt, endsAt,
            variants, emails, eligiblePlans, (int?)input.TokenExpiryDays), errors);
    }

    public static string? ValueProblem(PromotionType type, long? value, string what) => type switch
    {
        PromotionType.PercentOff when value is not (>= 1 and <= 100) => $"The {what} of a percent_off promotion is a whole percent from 1 to 100.",
        PromotionType.AmountOff when value is not (>= 1 and <= MaxMoney) => $"The {what} of an amount_off promotion is the amount off in minor units (paise, cents): at least 1.",
        PromotionType.BonusTokens or PromotionType.FreeTokens when value is not (>= 1 and <= MaxTokens) =>
            $"The {what} of a {PromotionText.Type(type)} promotion is a number of tokens from 1 to {MaxTokens:N0}.",
        _ => null,
    };

    /// <summary>A code as stored (upper case), when it is one people can type.</summary>
    public static bool IsCode(string code) => code.Length is >= 3 and <= PromotionCode.MaxLength && CodePattern().IsMatch(code);

    private static (bool AllPacks, List<string> Packs, List<string> Plans) Targets(PromotionInput input, PromotionType? type, RuleContext context,
        Dictionary<string, string> errors)
    {
        var plans = Distinct(input.Plans);
        var packs = Distinct(input.Packs);
        var allPacks = packs.Contains("*") || (input.Packs is null && plans.Count == 0);
        packs = allPacks ? [] : packs;
        if (packs.FirstOrDefault(p => context.Packs.All(x => x.Key != p)) is { } unknownPack)
        {
            errors["packs"] = $"There is no pack \"{unknownPack}\".";
        }

        if (plans.FirstOrDefault(p => context.Plans.All(x => x.Key != p)) is { } unknownPlan)
        {
            errors["plans"] = $"There is no plan \"{unknownPlan}\".";
        }

        if (!allPacks && packs.Count == 0 && plans.Count == 0 && type is not PromotionType.FreeTokens)
        {
            errors["packs"] = "Choose what it applies to: all packs, some packs, or some plans.";
        }

        return (allPacks, packs, plans);
    }

    private static string? Code(string? typed, bool taken, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }

        var code = PromotionCode.Normalize(typed);
        if (!IsCode(code))
        {
            errors["code"] = $"The code must be 3 to {PromotionCode.MaxLength} characters: letters, digits, - and _ only.";
        }
        else if (taken)
        {
            errors["code"] = $"The code {code} is already used by another promotion; choose another.";
        }

        return code;
    }

    private static List<PromotionVariant> Variants(IReadOnlyList<VariantInput>? variants, PromotionType? type, Dictionary<string, string> errors)
    {
        var list = variants ?? [];
        if (list.Count > Promotion.MaxVariants)
        {
            errors["variants"] = $"A promotion has at most {Promotion.MaxVariants} variants (there are {list.Count}).";
            return [];
        }

        var result = new List<PromotionVariant>();
        foreach (var (v, i) in list.Select((v, i) => (v, i + 1)))
        {
            var name = v?.Name?.Trim();
            var problem = string.IsNullOrEmpty(name) || name.Length > MaxVariantName ? $"Variant {i} needs a name of 1 to {MaxVariantName} characters."
                : result.Any(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)) ? $"Two variants are called \"{name}\"; give each its own name."
                : v!.Weight is not (>= 1 and <= MaxWeight) ? $"Variant {name}'s weight must be from 1 to {MaxWeight}."
                : type is { } t ? ValueProblem(t, v.Value, $"value of variant {name}") : null;
            if (problem is not null)
            {
                errors.TryAdd("variants", problem);
                continue;
            }

            result.Add(new PromotionVariant(name!, v!.Value ?? 0, v.Weight!.Value));
        }

        return result;
    }

    private static List<string> Emails(IReadOnlyList<string>? emails, Dictionary<string, string> errors)
    {
        var list = (emails ?? []).Select(e => e?.Trim() ?? "").Where(e => e.Length > 0).ToList();
        if (list.Count > MaxEmails)
        {
            errors["eligible_emails"] = $"List at most {MaxEmails:N0} people (there are {list.Count:N0}).";
            return [];
        }

        foreach (var email in list)
        {
            if (BulkCells.Email(email).Error is not null)
            {
                errors["eligible_emails"] = $"\"{(email.Length > 60 ? email[..60] + "…" : email)}\" is not an email address.";
                return [];
            }
        }

        return list.Select(EmailIdentity.Key).Distinct().ToList();
    }

    private static void InUse(Promotion existing, PromotionType type, string? currency, PromotionInput input, Dictionary<string, string> errors)
    {
        var uses = existing.Redeemed + existing.Reserved;
        if (uses == 0)
        {
            return;
        }

        if (type != existing.Type)
        {
            errors["type"] = $"The type cannot change: the promotion has been used {uses:N0} times as {PromotionText.Type(existing.Type)}.";
        }

        if (currency != existing.Currency)
        {
            errors["currency"] = $"The currency cannot change: the promotion has been used {uses:N0} times in {existing.Currency ?? "any currency"}.";
        }

        if (input.MaxRedemptions is { } max && max < uses)
        {
            errors["max_redemptions"] = $"The total number of uses cannot go below the {uses:N0} already taken.";
        }

        var spent = existing.BudgetUsed + existing.BudgetReserved;
        if (input.Budget is { } budget && budget < spent)
        {
            errors["budget"] = $"The budget cannot go below the {PromotionText.Budget(existing.Type, spent, existing.Currency)} already given.";
        }
    }

    private static DateTime? Time(string? text, string field, string what, TimeZoneInfo zone, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        if (DateTimeOffset.TryParseExact(trimmed, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant.UtcDateTime;
        }

        if (DateTime.TryParseExact(trimmed, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            || DateTime.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out local))
        {
            if (!zone.IsInvalidTime(local))
            {
                return TimeZoneInfo.ConvertTimeToUtc(local, zone);
            }

            errors[field] = $"The {what} {trimmed} does not exist in the site's time zone (the clocks skip it).";
            return null;
        }

        errors[field] = $"The {what} must be a date and time such as 2027-01-31T18:00 (in the site's time zone, {zone.Id}) or with an offset (2027-01-31T18:00Z).";
        return null;
    }

    private static readonly string[] LocalFormats =
        ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"];

    private static readonly string[] OffsetFormats = [.. LocalFormats.SelectMany(f => new[] { f + "'Z'", f + "zzz" })];

    private static List<string> Distinct(IReadOnlyList<string>? keys) =>
        (keys ?? []).Select(k => k?.Trim() ?? "").Where(k => k.Length > 0).Distinct().ToList();

    private static void Add(Dictionary<string, string> errors, string field, string? message)
    {
        if (message is not null)
        {
            errors.TryAdd(field, message);
        }
    }

    [GeneratedRegex("^[A-Z0-9_-]+$")]
    private static partial Regex CodePattern();
}
