using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;

namespace TokenSaas.Plans;

/// <summary>A plan as one buyer would buy it now: the plan and the version the server charges them for.</summary>
public sealed record PlanOffer(Plan Plan, PlanVersion Version, bool Renewal);

/// <summary>The plans on offer, cheapest first, with their prices, and which version applies to whom.</summary>
public sealed class PlanCatalog(AppDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<Plan>> ActiveAsync(CancellationToken cancellationToken = default) =>
        await db.Plans.AsNoTracking().Include(p => p.Prices).Where(p => p.Active)
            .OrderBy(p => p.SortOrder).ThenBy(p => p.MonthlyTokens).ToListAsync(cancellationToken);

    /// <summary>
    /// What <paramref name="userId"/> buys when they buy <paramref name="planKey"/>: a subscriber
    /// renewing keeps their version (grandfathered) unless a later one has migrated them by now; a
    /// new buyer gets the current version, and only of a plan on sale. Null: not for sale to them.
    /// </summary>
    public async Task<PlanOffer?> OfferAsync(string? userId, string? planKey, CancellationToken cancellationToken = default)
    {
        var plan = planKey is null ? null : await db.Plans.AsNoTracking().Include(p => p.Prices).Include(p => p.Versions)
            .SingleOrDefaultAsync(p => p.Key == planKey, cancellationToken);
        if (plan is null || plan.Versions.Count == 0)
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var account = userId is null ? null : await db.TokenAccounts.AsNoTracking().Where(a => a.UserId == userId)
            .Select(a => new { a.PlanKey, a.PlanVersion, a.PlanEndAt }).SingleOrDefaultAsync(cancellationToken);
        if (account is not null && account.PlanKey == plan.Key && !(account.PlanEndAt <= now))
        {
            return new PlanOffer(plan, PlanVersion.RenewalVersion(plan.Versions, account.PlanVersion, now), Renewal: true);
        }

        return plan.Active ? new PlanOffer(plan, plan.Versions.Single(v => v.Number == plan.Version), Renewal: false) : null;
    }
}
