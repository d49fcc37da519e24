using System.Globalization;

namespace TokenSaas.Payments;

/// <summary>Amounts are integers in the minor unit everywhere; this is the one place they become text.</summary>
public static class Money
{
    private static readonly HashSet<string> ZeroDecimal = ["JPY", "KRW", "VND", "CLP"];

    public static decimal Major(long amount, string currency) => ZeroDecimal.Contains(currency) ? amount : amount / 100m;

    public static string Format(long amount, string currency) => currency switch
    {
        "INR" => "₹" + Major(amount, currency).ToString("#,0.##", CultureInfo.InvariantCulture),
        "USD" => "$" + Major(amount, currency).ToString("#,0.00", CultureInfo.InvariantCulture),
        _ => Major(amount, currency).ToString("#,0.##", CultureInfo.InvariantCulture) + " " + currency,
    };
}
