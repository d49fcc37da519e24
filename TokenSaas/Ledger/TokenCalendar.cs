using System.Globalization;

namespace TokenSaas.Ledger;

/// <summary>
/// Days and months as the site's time zone (Tokens:TimeZone) counts them: the daily allowance
/// refills at local midnight, plan quotas at the first of the local month. Keys name the
/// period ("2026-11-21", "2026-11"); instants are UTC.
/// </summary>
public sealed class TokenCalendar(TimeZoneInfo zone)
{
    public TimeZoneInfo Zone => zone;

    public string DayKey(DateTime utcNow) => Local(utcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public string MonthKey(DateTime utcNow) => Local(utcNow).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public DateTime NextMidnight(DateTime utcNow) => Utc(Local(utcNow).Date.AddDays(1));

    public DateTime NextMonthStart(DateTime utcNow)
    {
        var local = Local(utcNow);
        return Utc(new DateTime(local.Year, local.Month, 1).AddMonths(1));
    }

    /// <summary>The UTC instant <paramref name="day"/> starts in the site's time zone.</summary>
    public DateTime StartOf(DateOnly day) => Utc(day.ToDateTime(TimeOnly.MinValue));

    private DateTime Local(DateTime utcNow) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utcNow, DateTimeKind.Utc), zone);

    // Where a daylight-saving jump skips local midnight, the day starts at the first valid minute.
    private DateTime Utc(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddMinutes(30);
        }

        return TimeZoneInfo.ConvertTimeToUtc(unspecified, zone);
    }
}
