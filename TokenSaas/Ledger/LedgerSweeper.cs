using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;

namespace TokenSaas.Ledger;

/// <summary>
/// Releases holds whose time ran out and expires grants past their date (the scheduler runs it
/// every half minute). Correctness never waits for it (expired grants are never spent, and a
/// late capture is refused); it keeps balances and history tidy.
/// </summary>
public sealed class LedgerSweeper(IServiceScopeFactory scopes, TimeProvider clock, ILogger<LedgerSweeper> logger)
{
    private const int BatchSize = 500;

    public async Task<(int Holds, int Grants)> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var ledger = scope.ServiceProvider.GetRequiredService<LedgerService>();
        var now = clock.GetUtcNow().UtcDateTime;

        var holds = await db.Holds.AsNoTracking().Where(h => h.Status == HoldStatus.Held && h.ExpiresAt <= now)
            .OrderBy(h => h.ExpiresAt).Select(h => h.Id).Take(BatchSize).ToListAsync(cancellationToken);
        foreach (var hold in holds)
        {
            await ledger.ReleaseExpiredHoldAsync(hold, cancellationToken);
        }

        var grants = await db.Grants.AsNoTracking().Where(g => g.Remaining > 0 && g.ExpiresAt != null && g.ExpiresAt <= now)
            .OrderBy(g => g.ExpiresAt).Select(g => g.Id).Take(BatchSize).ToListAsync(cancellationToken);
        foreach (var grant in grants)
        {
            await ledger.ExpireGrantAsync(grant, cancellationToken);
        }

        if (holds.Count + grants.Count > 0)
        {
            logger.LogInformation("Ledger sweep released {Holds} expired hold(s) and expired {Grants} grant(s)",
                holds.Count, grants.Count);
        }

        return (holds.Count, grants.Count);
    }
}
