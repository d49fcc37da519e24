using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;

namespace TokenSaas.Payments;

/// <summary>A user's own purchases, newest first.</summary>
public sealed class PaymentHistory(AppDbContext db)
{
    public async Task<IReadOnlyList<Payment>> RecentAsync(string userId, int count, CancellationToken cancellationToken = default) =>
        await db.Payments.AsNoTracking().Where(p => p.UserId == userId).OrderByDescending(p => p.CreatedAt).Take(count)
            .ToListAsync(cancellationToken);
}
