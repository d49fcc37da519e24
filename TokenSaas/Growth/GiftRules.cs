using System.Globalization;

namespace TokenSaas.Growth;

/// <summary>How many tokens a user may give, and what we say about an amount that cannot be sent.</summary>
public static class GiftRules
{
    /// <summary>The most one gift can carry, whatever the balance (LedgerService.GiftAsync refuses more).</summary>
    public const long MaxPerGift = 1_000_000;

    /// <summary>Only bought and bonus tokens can be given: the daily allowance and the plan quota stay with the user.</summary>
    public static long Giftable(Ledger.TokenBalance balance) =>
        Math.Min(balance[Ledger.GrantBucket.Bonus] + balance[Ledger.GrantBucket.Purchased], MaxPerGift);

    /// <summary>Reads what was typed; null and the amount when it can be sent, else the message to show.</summary>
    public static (long Amount, string? Problem) Check(string? typed, long giftable)
    {
        if (giftable < 1)
        {
            return (0, "You have no tokens you can give yet: only bought or bonus tokens can be given.");
        }

        var text = (typed ?? string.Empty).Trim().Replace(",", string.Empty);
        if (text.Length == 0)
        {
            return (0, "Enter how many tokens to send.");
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount < 1)
        {
            return (0, $"Enter a whole number of tokens up to {giftable:N0}.");
        }

        return amount > giftable
            ? (0, $"You can give up to {giftable:N0} tokens (bought or bonus ones); {amount:N0} is more than that.")
            : (amount, null);
    }
}
