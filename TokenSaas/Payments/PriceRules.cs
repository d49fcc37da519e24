namespace TokenSaas.Payments;

/// <summary>A price as an admin enters it (form or JSON): either part may be missing or wrong.</summary>
public sealed record PriceInput(string? Currency, long? Amount);

/// <summary>The rules every admin-entered price list follows (plans and packs).</summary>
public static class PriceRules
{
    /// <summary>Most a price may be, in minor units: ₹1 crore / $100,000; past this is a typo.</summary>
    public const long MaxAmount = 1_000_000_000;

    /// <summary>
    /// Why <paramref name="prices"/> cannot be saved, or null. Currencies must be ones a gateway
    /// here can charge (<paramref name="known"/>), each once; amounts whole minor units, not
    /// negative, and above zero unless <paramref name="allowFree"/>.
    /// </summary>
    public static string? Validate(IReadOnlyList<PriceInput>? prices, IReadOnlySet<string> known, bool allowFree)
    {
        if (prices is null || prices.Count == 0)
        {
            return "Give a price in at least one currency.";
        }

        var seen = new HashSet<string>();
        foreach (var price in prices)
        {
            var currency = price.Currency?.Trim().ToUpperInvariant();
            if (string.IsNullOrEmpty(currency) || !known.Contains(currency))
            {
                return $"Unknown currency '{price.Currency}': use one of {string.Join(", ", known.Order())}.";
            }

            if (!seen.Add(currency))
            {
                return $"{currency} is listed twice.";
            }

            if (price.Amount is not { } amount || amount < 0 || (!allowFree && amount == 0))
            {
                return allowFree
                    ? $"The {currency} price must be 0 or more, in whole minor units (paise, cents)."
                    : $"The {currency} price must be more than 0, in whole minor units (paise, cents).";
            }

            if (amount > MaxAmount)
            {
                return $"The {currency} price is more than {MaxAmount:N0} minor units; check it.";
            }
        }

        return null;
    }

    /// <summary>Upper-case currencies, in a stable order; call after <see cref="Validate"/> passed.</summary>
    public static IReadOnlyList<(string Currency, long Amount)> Normalise(IReadOnlyList<PriceInput> prices) =>
        prices.Select(p => (p.Currency!.Trim().ToUpperInvariant(), p.Amount!.Value)).OrderBy(p => p.Item1).ToList();
}
