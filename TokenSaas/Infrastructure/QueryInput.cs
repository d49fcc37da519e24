using System.Globalization;

namespace TokenSaas.Infrastructure;

/// <summary>What list pages share about their query strings: reading a day typed in a filter, and writing a link back.</summary>
public static class QueryInput
{
    public const string DayMessage = "Enter a date like 2026-11-21.";

    /// <summary>A yyyy-MM-dd day as the UTC midnight that starts it; null when empty; a message in <paramref name="errors"/> when not a day.</summary>
    public static DateTime? Day(string? text, string field, Dictionary<string, string> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date) && date.Year >= 2000)
        {
            return DateTime.SpecifyKind(date, DateTimeKind.Utc);
        }

        errors[field] = DayMessage;
        return null;
    }

    /// <summary>
    /// A from–to filter of whole UTC days: the start of the first and the end of the last (exclusive),
    /// with messages under "From" and "To" when a day is unreadable or the range runs backwards.
    /// </summary>
    public static (DateTime? From, DateTime? Until) Days(string? from, string? to, Dictionary<string, string> errors)
    {
        var start = Day(from, "From", errors);
        var end = Day(to, "To", errors);
        if (start is not null && end is not null && start > end)
        {
            errors["To"] = "The end date must be on or after the start date.";
        }

        return (start, end?.AddDays(1));
    }

    /// <summary>A keyset cursor from a "Load more" link: a positive id, or a message under "After".</summary>
    public static void Cursor(long? after, Dictionary<string, string> errors)
    {
        if (after is <= 0)
        {
            errors["After"] = "That page link is not valid; start again from the first page.";
        }
    }

    /// <summary><paramref name="path"/> with the non-empty parameters, escaped, in the order given.</summary>
    public static string Url(string path, params (string Name, string? Value)[] parameters)
    {
        var parts = parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return parts.Count == 0 ? path : path + "?" + string.Join('&', parts);
    }
}
