using System.Globalization;
using System.Text.Json;

namespace TokenSaas.Ledger;

/// <summary>
/// One thing that happened to an account, in the user's words: a studio run is one row however
/// many entries it wrote (hold, capture or release). <see cref="Entries"/> keeps the exact ledger
/// lines behind it, oldest first; <see cref="Id"/> is the row's newest entry (the paging cursor).
/// </summary>
public sealed record ActivityRow(long Id, DateTime At, string What, string? Note, long Amount, string AmountText, long BalanceAfter,
    IReadOnlyList<LedgerEntry> Entries)
{
    public bool IsCredit => Amount > 0;

    public bool IsDebit => Amount < 0;
}

/// <summary>One page of activity, newest first, and the cursor for the next (null on the last page).</summary>
public sealed record ActivityPage(IReadOnlyList<ActivityRow> Items, long? Next);

/// <summary>What the history's type filter offers: a few kinds in words, each a set of entry types.</summary>
public static class ActivityKinds
{
    public static readonly IReadOnlyList<(string Value, string Label, LedgerEntryType[] Types)> All =
    [
        ("spend", "Studio runs and spending", [LedgerEntryType.Spend, LedgerEntryType.Hold, LedgerEntryType.Capture, LedgerEntryType.Release]),
        ("grant", "Bonuses and purchases", [LedgerEntryType.Grant]),
        ("daily_reset", "Daily free tokens", [LedgerEntryType.DailyReset]),
        ("plan_reset", "Plan tokens and plan changes", [LedgerEntryType.PlanReset, LedgerEntryType.PlanChange]),
        ("refund", "Refunds", [LedgerEntryType.Refund, LedgerEntryType.Clawback]),
        ("gift", "Gifts", [LedgerEntryType.GiftIn, LedgerEntryType.GiftOut]),
        ("adjust", "Adjusted by support", [LedgerEntryType.Adjust]),
        ("expire", "Expired tokens", [LedgerEntryType.Expire]),
    ];

    /// <summary>The kind for a filter value; an entry type's own name (old links, "capture") finds the kind that holds it.</summary>
    public static LedgerEntryType[]? Find(string value) =>
        All.FirstOrDefault(k => k.Value == value).Types
        ?? (Data.SnakeCaseEnumConverter<LedgerEntryType>.TryParse(value, out var type)
            ? All.First(k => k.Types.Contains(type)).Types
            : null);
}

/// <summary>Turns the ledger's entries into <see cref="ActivityRow"/>s: the wording lives here and nowhere else.</summary>
public static class ActivityText
{
    /// <summary>One row for a group of entries that belong together (a studio run's hold and its capture or release; else one entry).</summary>
    public static ActivityRow Row(IReadOnlyList<LedgerEntry> entries, Func<string, string> featureName)
    {
        var last = entries[^1];
        var amount = entries.Sum(e => e.Amount);
        var feature = entries.Select(e => e.Feature).FirstOrDefault(f => f is not null);
        var name = feature is null ? null : featureName(feature);
        var (what, note, amountText) = entries.Any(e => e.Type == LedgerEntryType.Hold)
            ? Run(entries, name!, amount)
            : Single(last, name, amount);
        return new ActivityRow(last.Id, last.CreatedAt, what, note, amount, amountText ?? Signed(amount), last.BalanceAfter, entries);
    }

    public static string Signed(long amount) => amount.ToString("+#,0;−#,0;0", CultureInfo.InvariantCulture);

    public static string Tokens(long n) => n == 1 ? "1 token" : $"{n:N0} tokens";

    private static string Humanize(string key) => Features.FeatureCatalog.Name(new Dictionary<string, string>(), key);

    private static (string What, string? Note, string? AmountText) Run(IReadOnlyList<LedgerEntry> entries, string name, long amount)
    {
        var held = -entries.First(e => e.Type == LedgerEntryType.Hold).Amount;
        if (entries.FirstOrDefault(e => e.Type == LedgerEntryType.Release) is { } release)
        {
            var why = release.Description.Contains("timed out", StringComparison.Ordinal) ? "timed out" : "failed";
            return ($"{name} {why}", $"{Tokens(held)} returned", "0");
        }

        return entries.Any(e => e.Type == LedgerEntryType.Capture)
            ? (name, null, null)
            : (name, $"running: {Tokens(held)} reserved", null);
    }

    private static (string What, string? Note, string? AmountText) Single(LedgerEntry e, string? feature, long amount) => e.Type switch
    {
        LedgerEntryType.Spend when amount == 0 => (feature!, null, Unlimited(e) ? "unlimited" : "free"),
        LedgerEntryType.Spend => (feature!, null, null),
        LedgerEntryType.Refund => ($"Refund of {feature}", Reason(e.Description), null),
        LedgerEntryType.Clawback => ("Refund of your purchase", Shortfall(e) is > 0 and var spent ? $"{Tokens(spent)} already spent" : null, null),
        LedgerEntryType.DailyReset => ("Daily free tokens", null, null),
        LedgerEntryType.PlanReset => ("Monthly plan tokens", null, null),
        LedgerEntryType.PlanChange => ($"Plan changed to {PlanTo(e)}", null, null),
        LedgerEntryType.Adjust => e.Description.StartsWith("Adjustment: ", StringComparison.Ordinal)
            ? ($"Adjusted by support: {e.Description["Adjustment: ".Length..]}", null, null)
            : ("Adjusted by support", e.Description, null),
        LedgerEntryType.GiftOut => ($"Gift to {Party(e.Description, to: true)}", null, null),
        LedgerEntryType.GiftIn => ($"Gift from {Party(e.Description, to: false)}", null, null),
        LedgerEntryType.Expire => ($"{Bucket(e.Bucket)} expired", null, null),
        LedgerEntryType.Grant => (Granted(e.Description), null, null),
        _ => (e.Description, null, null),
    };

    private static string Granted(string description) =>
        description.StartsWith("Bought ", StringComparison.Ordinal) ? "Purchase of " + description["Bought ".Length..] : description;

    private static string Bucket(GrantBucket? bucket) => bucket switch
    {
        GrantBucket.Daily => "Unused daily tokens",
        GrantBucket.Plan => "Unused plan tokens",
        GrantBucket.Bonus => "Bonus tokens",
        _ => "Tokens",
    };

    // "Gift sent: a@x → b@y": the other person.
    private static string Party(string description, bool to)
    {
        var note = description[(description.IndexOf(": ", StringComparison.Ordinal) + 2)..];
        var parts = note.Split(" → ");
        return parts.Length == 2 ? parts[to ? 1 : 0] : note;
    }

    // "Refund: summarize (reason)": the reason, if any.
    private static string? Reason(string description)
    {
        var open = description.IndexOf(" (", StringComparison.Ordinal);
        return open < 0 ? null : description[(open + 2)..].TrimEnd(')');
    }

    private static bool Unlimited(LedgerEntry e) => e.Metadata?.Contains("\"unlimited\":true", StringComparison.Ordinal) == true;

    private static long Shortfall(LedgerEntry e) => Number(e.Metadata, "shortfall") is { } n ? n : 0;

    private static string PlanTo(LedgerEntry e) =>
        Text(e.Metadata, "to") is { Length: > 0 } key ? Humanize(key) : e.Description;

    private static long? Number(string? json, string name) =>
        Read(json, name) is { ValueKind: JsonValueKind.Number } v ? v.GetInt64() : null;

    private static string? Text(string? json, string name) =>
        Read(json, name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    private static JsonElement? Read(string? json, string name)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.TryGetProperty(name, out var value) ? value.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
