using System.Globalization;

namespace TokenSaas.Promotions;

/// <summary>Counted uses and their money, in the minor unit of one currency (tokens for every currency alike).</summary>
public sealed record ReportFigures(long Redemptions, long Gross, long Discount, long Net, long Tokens)
{
    public static readonly ReportFigures Zero = new(0, 0, 0, 0, 0);

    public ReportFigures Plus(ReportFigures other) => new(Redemptions + other.Redemptions, Gross + other.Gross,
        Discount + other.Discount, Net + other.Net, Tokens + other.Tokens);
}

/// <summary>One variant (null: the promotion has no A/B test) in one currency (null: free tokens, no money).</summary>
public sealed record ReportRow(string? Variant, string? Currency, ReportFigures Figures);

public sealed record CurrencyTotal(string? Currency, ReportFigures Figures);

/// <summary>One day of the site's calendar: counted uses and net revenue per currency.</summary>
public sealed record ReportDay(DateOnly Date, long Redemptions, IReadOnlyDictionary<string, long> Net);

/// <summary>
/// A variant side by side with the others: the share of people its weight assigns it, the people who
/// started a checkout with it in the range, how many of them it converted, and what it brought in.
/// </summary>
public sealed record VariantSummary(string? Variant, decimal? AssignedShare, int Checkouts, int Converted, long Redemptions,
    IReadOnlyDictionary<string, long> Net)
{
    public decimal? Conversion => Checkouts == 0 ? null : (decimal)Converted / Checkouts;
}

/// <summary>
/// One promotion over whole days <see cref="From"/>–<see cref="To"/> of the site's time zone. A use
/// counts on the day it was counted (its payment succeeded); one freed since (refunded) does not count.
/// </summary>
public sealed record PromotionReport(Promotion Promotion, DateOnly From, DateOnly To, IReadOnlyList<ReportRow> Rows,
    IReadOnlyList<CurrencyTotal> Totals, IReadOnlyList<ReportDay> Days, IReadOnlyList<VariantSummary> Variants, int ReservedNow,
    int FreedInRange, PromotionFlags Flags)
{
    public const string CsvHeader = "variant,currency,redemptions,gross,discount,net,tokens";

    public bool HasVariants => Variants.Count > 1 || Variants.Any(v => v.Variant is not null);
}

/// <summary>A report's days as typed (yyyy-MM-dd, inclusive, in the site's time zone); the last 30 by default.</summary>
public sealed record ReportRange(DateOnly From, DateOnly To)
{
    public const int DefaultDays = 30;

    /// <summary>Two years, a leap day included.</summary>
    public const int MaxDays = 731;

    public int Days => To.DayNumber - From.DayNumber + 1;

    public static ReportRange Last(int days, DateOnly today) => new(today.AddDays(1 - days), today);

    public static (ReportRange? Range, string? Error) Parse(string? from, string? to, DateOnly today)
    {
        if (!TryDay(to, today, out var end))
        {
            return (null, $"to must be a date like {Text(today)}");
        }

        if (!TryDay(from, end.AddDays(1 - DefaultDays), out var start))
        {
            return (null, $"from must be a date like {Text(today)}");
        }

        if (end < start)
        {
            return (null, "to must be on or after from");
        }

        var range = new ReportRange(start, end);
        return range.Days > MaxDays ? (null, $"the range may be at most {MaxDays} days (two years); this one is {range.Days}") : (range, null);
    }

    public static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static bool TryDay(string? text, DateOnly fallback, out DateOnly day)
    {
        day = fallback;
        return string.IsNullOrWhiteSpace(text)
            || (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day) && day.Year >= 2000);
    }
}
