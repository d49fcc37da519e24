using System.Globalization;
using TokenSaas.Audit;
using TokenSaas.Ledger;

namespace TokenSaas.Admin.Bulk;

/// <summary>What one cell of an allocation file may hold. Each reader gives a value or a message for the row.</summary>
public static class BulkCells
{
    public const long MaxAmount = LedgerService.MaxAdminAmount;
    public const int MaxEmailLength = 256;
    public const int MaxReasonLength = AuditEntry.MaxReasonLength;

    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
    ];

    private static readonly string[] OffsetFormats = [.. LocalFormats.SelectMany(f => new[] { f + "'Z'", f + "zzz" })];

    public static (string? Email, string? Error) Email(string cell) => cell.Trim() switch
    {
        "" => (null, "the email is missing"),
        var e when Formula(e) => (null, $"the email starts with '{e[0]}', which a spreadsheet would run as a formula"),
        { Length: > MaxEmailLength } => (null, $"the email is longer than {MaxEmailLength} characters"),
        var e when e.Count(c => c == '@') != 1 || e[^1] == '@' || e.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) =>
            (null, "the email is not an email address"),
        var e => (e, null),
    };

    public static (long? Amount, string? Error) Amount(string cell)
    {
        var text = cell.Trim();
        if (text.Length == 0)
        {
            return (null, "the amount is missing");
        }

        var digits = text[0] is '-' or '+' ? text[1..] : text;
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            return (null, "the amount is not a whole number");
        }

        if (text[0] == '-' || digits.All(c => c == '0'))
        {
            return (null, "the amount must be at least 1");
        }

        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) && amount <= MaxAmount
            ? (amount, null)
            : (null, $"the amount must be at most {MaxAmount:N0}");
    }

    /// <summary>
    /// An instant with an offset (<c>2027-01-31T18:00Z</c>, <c>…+05:30</c>), a local time in the site's zone
    /// (<c>2027-01-31T18:00</c>), or a date: the tokens last through that day, to the site's midnight.
    /// </summary>
    public static (DateTime? ExpiresAt, string? Error) ExpiresAt(string cell, DateTime now, TimeZoneInfo zone)
    {
        var text = cell.Trim();
        if (text.Length == 0)
        {
            return (null, null);
        }

        DateTime? at = null;
        if (DateTimeOffset.TryParseExact(text, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            at = instant.UtcDateTime;
        }
        else if (DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            if (zone.IsInvalidTime(local))
            {
                return (null, $"the expiry {text} does not exist in the site's time zone (the clocks skip it)");
            }

            at = TimeZoneInfo.ConvertTimeToUtc(local, zone);
        }
        else if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            at = Midnight(date.AddDays(1), zone);
        }

        return at switch
        {
            null => (null, "the expiry must be a date (2027-01-31) or a date and time (2027-01-31T18:00, 2027-01-31T18:00Z)"),
            var t when t <= now => (null, "the expiry must be in the future"),
            var t => (t, null),
        };
    }

    /// <summary>The row's own reason, or null to use the batch's.</summary>
    public static (string? Reason, string? Error) Reason(string cell) => cell.Trim() switch
    {
        "" => (null, null),
        { Length: > MaxReasonLength } => (null, $"the reason is longer than {MaxReasonLength} characters"),
        var r when Formula(r) => (null, $"the reason starts with '{r[0]}', which a spreadsheet would run as a formula"),
        var r when r.Any(char.IsControl) => (null, "the reason must be one line of text"),
        var r => (r, null),
    };

    /// <summary>The characters that make a spreadsheet treat a cell as a formula (see LedgerCsv.Field).</summary>
    public static bool Formula(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    private static DateTime Midnight(DateTime localDate, TimeZoneInfo zone)
    {
        var local = DateTime.SpecifyKind(localDate, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }
}
