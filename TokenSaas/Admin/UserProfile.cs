using Microsoft.EntityFrameworkCore;
using TokenSaas.Audit;
using TokenSaas.Data;
using TokenSaas.Identity;
using TokenSaas.Ledger;
using TokenSaas.Payments;

namespace TokenSaas.Admin;

/// <summary>Everything the admin user page shows about one user, beside their ledger.</summary>
public sealed record UserProfile(
    AppUser User,
    TokenBalance Balance,
    PlanUsage Plan,
    AccountFlags Flags,
    long LifetimePurchased,
    long LifetimeSpent,
    DateTime? LastActiveAt,
    IReadOnlyList<Grant> LiveGrants,
    IReadOnlyList<Hold> Holds,
    IReadOnlyList<Payment> Payments,
    IReadOnlyList<AuditEntry> Audit,
    IReadOnlyList<string> Plans);

public sealed class UserProfiles(AppDbContext db, LedgerService ledger, TimeProvider clock)
{
    private const int Shown = 20;

    public async Task<UserProfile?> GetAsync(string userId, CancellationToken cancellationToken = default)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return null;
        }

        // Reading through the ledger opens the account if needed and applies any reset due, as the user would see it.
        var plan = await ledger.GetUsageAsync(userId, cancellationToken);
        var balance = await ledger.GetBalanceAsync(userId, cancellationToken);
        var account = await db.TokenAccounts.AsNoTracking().SingleAsync(a => a.UserId == userId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var grants = await db.Grants.AsNoTracking()
            .Where(g => g.AccountId == account.Id && g.Remaining > 0 && (g.ExpiresAt == null || g.ExpiresAt > now))
            .OrderBy(g => g.Bucket).ThenBy(g => g.ExpiresAt).ThenBy(g => g.Id).ToListAsync(cancellationToken);
        var holds = await db.Holds.AsNoTracking().Where(h => h.AccountId == account.Id)
            .OrderByDescending(h => h.Id).Take(Shown).ToListAsync(cancellationToken);
        var payments = await db.Payments.AsNoTracking().Where(p => p.UserId == userId)
            .OrderByDescending(p => p.CreatedAt).Take(Shown).ToListAsync(cancellationToken);
        var audit = await db.AuditEntries.AsNoTracking().Where(e => e.TargetType == AuditTargets.User && e.TargetId == userId)
            .OrderByDescending(e => e.Id).Take(Shown).ToListAsync(cancellationToken);
        var plans = await db.Plans.AsNoTracking().Where(p => p.Active).OrderBy(p => p.MonthlyTokens).Select(p => p.Key)
            .ToListAsync(cancellationToken);
        return new UserProfile(user, balance, plan,
            new AccountFlags(account.Unlimited, account.SpendLimitPerHour, account.SpendLimitPerDay),
            account.LifetimePurchased, account.LifetimeSpent, account.LastActiveAt, grants, holds, payments, audit, plans);
    }
}
