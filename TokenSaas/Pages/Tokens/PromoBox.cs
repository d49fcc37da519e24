using TokenSaas.Payments;
using TokenSaas.Promotions;

namespace TokenSaas.Pages.Tokens;

/// <summary>
/// The promo code field under one thing on sale (a pack in one currency, or a plan) and what the code typed in
/// it does to the price. The buy modal and the pricing page's plan forms both use it, so both quote the same way.
/// </summary>
public sealed record PromoBox(PaymentKind Kind, string Key, string? Currency)
{
    /// <summary>Names the field's elements; the pricing page has one box per plan.</summary>
    public string For => Kind == PaymentKind.Pack ? "buy" : $"plan-{Key}";

    public string QuoteUrl => Kind == PaymentKind.Pack
        ? $"/tokens/buy?handler=Quote&pack={Uri.EscapeDataString(Key)}&currency={Uri.EscapeDataString(Currency ?? string.Empty)}"
        : $"/pricing?handler=Quote&plan={Uri.EscapeDataString(Key)}";

    /// <summary>Where the Apply button posts the form without JavaScript: the same step again, with the quote.</summary>
    public string ApplyUrl => Kind == PaymentKind.Pack ? "/tokens/buy?handler=Apply" : "/pricing?handler=Apply";

    /// <summary>The code as typed, shown back in the field.</summary>
    public string? Code { get; init; }

    public CheckoutQuote? Quote { get; init; }

    /// <summary>Why the item itself could not be priced (a pack no longer sold in that currency, say), as opposed to the code.</summary>
    public string? Problem { get; init; }

    /// <summary>Whether the quote also carries the new amount for the pay button (an out-of-band swap, on the buy modal's live quote).</summary>
    public bool SwapsPayAmount { get; init; }

    public string? Reason => Problem ?? Quote?.Reason;

    /// <summary>What the pay button asks for: the final price when a code applies, else the list price; null when not priced.</summary>
    public string? PayAmount => Quote is { } quote ? Money.Format(quote.FinalAmount, quote.Currency) : null;

    /// <summary>This box with <paramref name="code"/> quoted for the user, exactly as the checkout would price it.</summary>
    public async Task<PromoBox> QuotedAsync(CheckoutService checkout, string userId, string? code, CancellationToken cancellationToken)
    {
        var quoted = await checkout.QuoteAsync(userId, Kind, Key, Currency, code, cancellationToken);
        return this with { Code = code?.Trim(), Quote = quoted.Value, Problem = quoted.Failure is { } f ? Sentence(f.Message) : null };
    }

    private static string Sentence(string message) =>
        char.ToUpperInvariant(message[0]) + message[1..].TrimEnd('.') + ".";
}
