using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace TokenSaas.Data;

public static class Seeding
{
    /// <summary>
    /// Adds the defaults whose keys are missing. Rows that exist are left as they are (an admin
    /// may have edited or switched them off), and a second instance seeding at the same moment is harmless.
    /// </summary>
    public static async Task AddMissingAsync<T>(this AppDbContext db, IReadOnlyList<T> defaults, Expression<Func<T, string>> key,
        CancellationToken cancellationToken) where T : class
    {
        var existing = (await db.Set<T>().Select(key).ToListAsync(cancellationToken)).ToHashSet();
        var keyOf = key.Compile();
        var missing = defaults.Where(d => !existing.Contains(keyOf(d))).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        db.Set<T>().AddRange(missing);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
        }
    }
}
