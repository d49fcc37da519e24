using System.Globalization;

namespace TokenSaas.Content;

/// <summary>A "publish at" as admins type it: in the site's time zone (datetime-local), or with an explicit offset.</summary>
public static class ContentTimes
{
    private static readonly string[] LocalFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"];

    private static readonly string[] OffsetFormats = ["yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    public static (DateTime? Utc, string? Error) Parse(string? text, TimeZoneInfo zone)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }

        var trimmed = text.Trim();
        if (DateTimeOffset.TryParseExact(trimmed, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            return (instant.UtcDateTime, null);
        }

        if (DateTime.TryParseExact(trimmed, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return zone.IsInvalidTime(local)
                ? (null, $"{trimmed} does not exist in the site's time zone (the clocks skip it).")
                : (TimeZoneInfo.ConvertTimeToUtc(local, zone), null);
        }

        return (null, $"The publish time must be a date and time such as 2027-01-31T18:00 (site time, {zone.Id}) or with an offset.");
    }

    public static string Local(DateTime utc, TimeZoneInfo zone, string format = "yyyy-MM-dd HH:mm") =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString(format, CultureInfo.InvariantCulture);
}
