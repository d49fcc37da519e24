using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;

namespace TokenSaas.Infrastructure.Auth;

/// <summary>
/// Whether a bearer token's user id names a user of this site. A token signed with the shared secret
/// can name anyone (another service mints them, or the account was deleted); such a "ghost" must be
/// refused before any endpoint opens an account for it. Users who exist are remembered for a minute,
/// so the spend path pays one lookup per user per minute, not one per request.
/// </summary>
public sealed class KnownUsers(TimeProvider clock)
{
    private static readonly TimeSpan Remembered = TimeSpan.FromMinutes(1);
    private const int Limit = 100_000;

    private readonly ConcurrentDictionary<string, DateTimeOffset> seen = new(StringComparer.Ordinal);

    public async Task<bool> ExistsAsync(string userId, AppDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (seen.TryGetValue(userId, out var until) && until > now)
        {
            return true;
        }

        if (!await db.Users.AsNoTracking().AnyAsync(u => u.Id == userId, cancellationToken))
        {
            seen.TryRemove(userId, out _);
            return false;
        }

        if (seen.Count >= Limit)
        {
            seen.Clear();
        }

        seen[userId] = now + Remembered;
        return true;
    }
}
