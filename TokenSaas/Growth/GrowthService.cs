using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TokenSaas.Data;
using TokenSaas.Ledger;

namespace TokenSaas.Growth;

public sealed class GrowthOptions
{
    public const string Section = "Growth";

    /// <summary>Bonus tokens for the first log-in of each day (seed 004: 2); 0 turns it off.</summary>
    [Range(0, 1_000_000)]
    public long DailyLoginBonus { get; set; } = 2;

    /// <summary>Bonus tokens for the referrer when someone they invited makes a first purchase (seed 004: 50).</summary>
    [Range(0, 1_000_000)]
    public long ReferralBonus { get; set; } = 50;
}

public sealed record AppUserRef(string Id, string Email);

/// <summary>Seed 004's rewards, each once per its period or person, through the ledger.</summary>
public sealed class GrowthService(
    LedgerService ledger,
    Notifications.NotificationService notifications,
    AppDbContext db,
    TokenCalendar calendar,
    TimeProvider clock,
    IOptions<GrowthOptions> options)
{
    public async Task OnLoginAsync(string userId, CancellationToken cancellationToken)
    {
        if (options.Value.DailyLoginBonus is var bonus and > 0)
        {
            var day = calendar.DayKey(clock.GetUtcNow().UtcDateTime);
            await ledger.GrantAsync(userId, new TokenGrant(GrantBucket.Bonus, bonus, "login", SystemKeys.Login(day), "system",
                "Daily login bonus") { PeriodKey = "login:" + day }, cancellationToken);
        }
    }

    /// <summary>After a purchase: the referrer of a first-time buyer is rewarded, once per referred user.</summary>
    public async Task OnPurchaseAsync(string userId, CancellationToken cancellationToken)
    {
        var referrer = await db.Users.Where(u => u.Id == userId).Select(u => u.ReferredBy).SingleOrDefaultAsync(cancellationToken);
        if (referrer is not null && options.Value.ReferralBonus is var bonus and > 0)
        {
            await ledger.GrantAsync(referrer, new TokenGrant(GrantBucket.Bonus, bonus, "referral", SystemKeys.Referral(userId),
                "system", "Referral bonus: a friend you invited made a purchase") { CorrelationId = $"referral:{userId}" },
                cancellationToken);
        }
    }

    /// <summary>Sends a gift and tells the receiver.</summary>
    public async Task<LedgerResult<GiftResult>> GiftAsync(AppUserRef from, AppUserRef to, long amount, string? key, CancellationToken cancellationToken)
    {
        var result = await ledger.GiftAsync(from.Id, to.Id, amount, key, $"{from.Email} → {to.Email}", cancellationToken);
        if (result.Succeeded)
        {
            await notifications.NotifyOnceAsync(to.Id, $"tokens_received", "You received tokens",
                $"{from.Email} sent you {amount:N0} tokens.", "/history", cancellationToken);
        }

        return result;
    }

    /// <summary>The account a gift to <paramref name="email"/> goes to, or why it cannot go there.</summary>
    public async Task<(AppUserRef? To, string? Problem)> RecipientAsync(string email, string fromUserId, CancellationToken cancellationToken)
    {
        var normalized = email.Trim().Normalize().ToUpperInvariant();
        var to = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => new AppUserRef(u.Id, u.Email!))
            .FirstOrDefaultAsync(cancellationToken);
        return to is null ? (null, "No TokenSaas account uses that email.")
            : to.Id == fromUserId ? (null, "You cannot send a gift to yourself.")
            : (to, null);
    }

    /// <summary>How many tokens the user can give right now (<see cref="GiftRules.Giftable"/>).</summary>
    public async Task<long> GiftableAsync(string userId, CancellationToken cancellationToken) =>
        GiftRules.Giftable(await ledger.GetBalanceAsync(userId, cancellationToken));

    public static string NewCode() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(5));
}
