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

    /// <summary>A currency as people say it: "Indian rupees (₹)", "US dollars ($)", else its code.</summary>
    public static string CurrencyName(string currency) => currency switch
    {
        "INR" => "Indian rupees (₹)",
        "USD" => "US dollars ($)",
        "EUR" => "euros (€)",
        "GBP" => "pounds sterling (£)",
        _ => currency,
    };

    /// <summary>A rate such as a price per token, given in (fractional) minor units: "₹0.9091", "$0.0417".</summary>
    public static string FormatRate(decimal amount, string currency)
    {
        var major = (ZeroDecimal.Contains(currency) ? amount : amount / 100m).ToString("#,0.00##", CultureInfo.InvariantCulture);
        return currency switch { "INR" => "₹" + major, "USD" => "$" + major, _ => major + " " + currency };
    }

    /// <summary>An amount for a form's input, in the major unit without symbol or grouping ("1299.5"); it reads back with <see cref="TryParseMajor"/>.</summary>
    public static string ToInput(long amount, string currency) => Major(amount, currency).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>
    /// An amount typed in the major unit ("₹1,299.50", "5", "$4.99") as minor units; false when it is not a
    /// number with at most the currency's decimals (two, or none for JPY and the like).
    /// </summary>
    public static bool TryParseMajor(string? text, string currency, out long amount)
    {
        amount = 0;
        var cleaned = text?.Trim().TrimStart('₹', '$').Replace(",", string.Empty, StringComparison.Ordinal)
            .Replace("−", "-", StringComparison.Ordinal).Trim();
        if (!decimal.TryParse(cleaned, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture,
                out var major) || Math.Abs(major) > 1_000_000_000_000m)
        {
            return false;
        }

        if (Minor(major, currency) is not { } minor)
        {
            return false;
        }

        amount = minor;
        return true;
    }
}
