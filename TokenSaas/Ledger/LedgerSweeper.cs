using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;

namespace TokenSaas.Ledger;

/// <summary>
/// Releases holds whose time ran out and expires grants past their date, every half minute.
/// Correctness never waits for it (expired grants are never spent, and a late capture is
/// refused); it keeps balances and history tidy.
/// </summary>
public sealed class LedgerSweeper(IServiceScopeFactory scopes, TimeProvider clock, ILogger<LedgerSweeper> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Ledger sweep failed; it will run again in {Interval}", Interval);
            }
        }
    }
}
