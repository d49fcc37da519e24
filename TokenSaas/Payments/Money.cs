using System.Globalization;

namespace TokenSaas.Payments;

/// <summary>Amounts are integers in the minor unit everywhere; this is the one place they become text.</summary>
public static class Money
{
    private static readonly HashSet<string> ZeroDecimal = ["JPY", "KRW", "VND", "CLP"];

    public static decimal Major(long amount, string currency) => ZeroDecimal.Contains(currency) ? amount : amount / 100m;

    /// <summary>A major-unit amount (29.50) in minor units (2950); null when it has more decimals than the currency.</summary>
    public static long? Minor(decimal major, string currency)
    {
        var minor = ZeroDecimal.Contains(currency) ? major : major * 100m;
        return minor == decimal.Truncate(minor) && Math.Abs(minor) <= long.MaxValue ? (long)minor : null;
    }

    public static string Format(long amount, string currency) => currency switch
    {
        "INR" => "₹" + Major(amount, currency).ToString("#,0.##", CultureInfo.InvariantCulture),
        "USD" => "$" + Major(amount, currency).ToString("#,0.00", CultureInfo.InvariantCulture),
        _ => Major(amount, currency).ToString("#,0.##", CultureInfo.InvariantCulture) + " " + currency,
    };
}
