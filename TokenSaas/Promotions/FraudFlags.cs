using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TokenSaas.Data;

namespace TokenSaas.Promotions;

/// <summary>An address more uses of one promotion came from than <see cref="PromotionsOptions.FlagIpRedemptions"/> allows, and the accounts that used it there.</summary>
public sealed record FlaggedIp(string Ip, int Redemptions, IReadOnlyList<string> Users);

/// <summary>One person (an <see cref="EmailIdentity"/> key) behind several accounts that used one promotion.</summary>
public sealed record AliasGroup(string Identity, IReadOnlyList<string> Users);

public sealed record PromotionFlags(int IpAllowance, IReadOnlyList<FlaggedIp> Ips, IReadOnlyList<AliasGroup> Aliases)
{
    public bool Any => Ips.Count > 0 || Aliases.Count > 0;
}

/// <summary>
/// What a person should look at before trusting a promotion's numbers: many uses from one address,
/// and address aliases (<c>ann+x@…</c>, dotted Gmail) that the per-user limit folded into one person.
/// Both are over the promotion's whole life, not a report's range: abuse does not respect a date range.
/// </summary>
public sealed class FraudFlags(AppDbContext db, IOptions<PromotionsOptions> options)
{
    /// <summary>The most addresses or alias groups listed; the worst come first.</summary>
    public const int MaxListed = 100;

    public async Task<PromotionFlags> ForAsync(long promotionId, CancellationToken cancellationToken)
    {
        var threshold = options.Value.FlagIpRedemptions;
        var held = db.Redemptions.AsNoTracking().Where(r => r.PromotionId == promotionId && r.Status != RedemptionStatus.Freed && r.Ip != null);
        var ips = await held.GroupBy(r => r.Ip!)
            .Where(g => g.Count() > threshold)
            .Select(g => new { Ip = g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.Ip).Take(MaxListed)
            .ToListAsync(cancellationToken);
        var flaggedIps = ips.Select(g => g.Ip).ToList();
        var ipUsers = await held.Where(r => flaggedIps.Contains(r.Ip!)).Select(r => new { Ip = r.Ip!, r.UserId }).Distinct()
            .ToListAsync(cancellationToken);

        // Freed uses count here: a refunded first use is how a second alias gets its turn.
        var all = db.Redemptions.AsNoTracking().Where(r => r.PromotionId == promotionId);
        var identities = await all.GroupBy(r => r.Identity)
            .Where(g => g.Select(r => r.UserId).Distinct().Count() > 1)
            .Select(g => new { Identity = g.Key, Accounts = g.Select(r => r.UserId).Distinct().Count() })
            .OrderByDescending(g => g.Accounts).ThenBy(g => g.Identity).Take(MaxListed)
            .ToListAsync(cancellationToken);
        var aliasKeys = identities.Select(g => g.Identity).ToList();
        var aliasUsers = await all.Where(r => aliasKeys.Contains(r.Identity)).Select(r => new { r.Identity, r.UserId }).Distinct()
            .ToListAsync(cancellationToken);

        var userIds = ipUsers.Select(u => u.UserId).Concat(aliasUsers.Select(u => u.UserId)).Distinct().ToList();
        var emails = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.Email })
            .ToDictionaryAsync(u => u.Id, u => u.Email ?? u.Id, cancellationToken);
        IReadOnlyList<string> Emails(IEnumerable<string> ids) =>
            ids.Select(id => emails.GetValueOrDefault(id, id)).Order(StringComparer.Ordinal).ToList();

        return new PromotionFlags(threshold,
            ips.Select(g => new FlaggedIp(g.Ip, g.Count, Emails(ipUsers.Where(u => u.Ip == g.Ip).Select(u => u.UserId)))).ToList(),
            identities.Select(g => new AliasGroup(g.Identity, Emails(aliasUsers.Where(u => u.Identity == g.Identity).Select(u => u.UserId))))
                .ToList());
    }
}
