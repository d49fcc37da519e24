using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;

namespace TokenSaas.Admin;

/// <summary>An emergency allocation still running: who has it, what is left, when it expires.</summary>
public sealed record EmergencyGrant(string UserId, string Email, long Amount, long Remaining, DateTime ExpiresAt, DateTime CreatedAt);

public sealed record AdminOverview(int Users, int Accounts, long TokensOutstanding, IReadOnlyList<EmergencyGrant> Emergencies);

/// <summary>Read-only totals for the admin home page.</summary>
public sealed class AdminOverviewQuery(AppDbContext db, TimeProvider clock)
{
    public async Task<AdminOverview> GetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var emergencies = await (from g in db.Grants
                                 where g.Source == "emergency" && g.ExpiresAt > now
                                 join a in db.TokenAccounts on g.AccountId equals a.Id
                                 join u in db.Users on a.UserId equals u.Id
                                 orderby g.ExpiresAt
                                 select new EmergencyGrant(u.Id, u.Email!, g.Amount, g.Remaining, g.ExpiresAt!.Value, g.CreatedAt))
            .Take(50).ToListAsync(cancellationToken);
        return new AdminOverview(
            await db.Users.CountAsync(cancellationToken),
            await db.TokenAccounts.CountAsync(cancellationToken),
            await db.TokenAccounts.SumAsync(a => a.Balance, cancellationToken),
            emergencies);
    }
}
