using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;

namespace TokenSaas.Admin;

public sealed record AdminOverview(int Users, int Accounts, long TokensOutstanding);

/// <summary>Read-only totals for the admin home page.</summary>
public sealed class AdminOverviewQuery(AppDbContext db)
{
    public async Task<AdminOverview> GetAsync(CancellationToken cancellationToken) => new(
        await db.Users.CountAsync(cancellationToken),
        await db.TokenAccounts.CountAsync(cancellationToken),
        await db.TokenAccounts.SumAsync(a => a.Balance, cancellationToken));
}
