using System.Globalization;
using TokenSaas.Data;
using TokenSaas.Infrastructure;
using TokenSaas.Ledger;

namespace TokenSaas.Pages.History;

/// <summary>The history page's query string, as typed; <see cref="ToFilter"/> checks it.</summary>
public sealed class HistoryQuery
{
    public const int PageSize = 25;

    public string? Type { get; set; }

    /// <summary>yyyy-MM-dd, inclusive (UTC).</summary>
    public string? From { get; set; }

    /// <summary>yyyy-MM-dd, inclusive (UTC).</summary>
    public string? To { get; set; }

    public long? After { get; set; }

    /// <summary>The page these filters belong to (the user's history, or an admin's view of a user).</summary>
    [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
    public string Path { get; set; } = "/history";

    /// <summary>Set by the user's own history: the type filter offers <see cref="ActivityKinds"/> (in words) instead of entry types.</summary>
    [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
    public bool InWords { get; set; }

    public static IEnumerable<(string Value, string Label)> Kinds => ActivityKinds.All.Select(k => (k.Value, k.Label));

    public static IEnumerable<(string Value, string Label)> Types =>
        Enum.GetValues<LedgerEntryType>().Select(t => (SnakeCaseEnumConverter<LedgerEntryType>.ToSnakeCase(t), Label(t)));

    public static string Label(LedgerEntryType type) => SnakeCaseEnumConverter<LedgerEntryType>.ToSnakeCase(type) switch
    {
        "gift_in" => "Gift received",
        "gift_out" => "Gift sent",
        "daily_reset" => "Daily refill",
        "plan_reset" => "Plan renewal",
        var text => char.ToUpperInvariant(text[0]) + text[1..],
    };

    /// <summary>The filter, or the messages to show beside the fields (keyed by field name).</summary>
    public (LedgerFilter? Filter, Dictionary<string, string> Errors) ToFilter(int limit = PageSize)
    {
        var errors = new Dictionary<string, string>();
        LedgerEntryType? type = null;
        LedgerEntryType[]? kind = null;
        if (!string.IsNullOrEmpty(Type) && InWords)
        {
            kind = ActivityKinds.Find(Type);
            if (kind is null)
            {
                errors[nameof(Type)] = "Choose a type from the list.";
            }
        }
        else if (!string.IsNullOrEmpty(Type))
        {
            if (SnakeCaseEnumConverter<LedgerEntryType>.TryParse(Type, out var match))
            {
                type = match;
            }
            else
            {
                errors[nameof(Type)] = "Choose a type from the list.";
            }
        }

        var (from, until) = QueryInput.Days(From, To, errors);
        QueryInput.Cursor(After, errors);

        return errors.Count > 0
            ? (null, errors)
            : (new LedgerFilter { Type = type, Types = kind, From = from, Until = until, After = After, Limit = limit }, errors);
    }

    /// <summary>The query string for the same filters, from another cursor (null: the first page).</summary>
    public string With(long? after, string? handler = null) => QueryInput.Url(Path,
        ("handler", handler), ("type", Type), ("from", From), ("to", To), ("after", after?.ToString(CultureInfo.InvariantCulture)));

}
