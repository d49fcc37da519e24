using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;

namespace TokenSaas.Plans;

/// <summary>The plans on offer, cheapest first, with their prices.</summary>
public sealed class PlanCatalog(AppDbContext db)
{
    public async Task<IReadOnlyList<Plan>> ActiveAsync(CancellationToken cancellationToken = default) =>
        await db.Plans.AsNoTracking().Include(p => p.Prices).Where(p => p.Active)
            .OrderBy(p => p.SortOrder).ThenBy(p => p.MonthlyTokens).ToListAsync(cancellationToken);
}
