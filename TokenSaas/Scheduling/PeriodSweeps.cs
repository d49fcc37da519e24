using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TokenSaas.Data;
using TokenSaas.Ledger;

namespace TokenSaas.Scheduling;

public sealed record SweepResult(string Period, int Checked, int Reset);

/// <summary>
/// Applies what time has made due to every account that has not had it yet: a paid plan that
/// ended, a new month's quota, a new day's allowance. Each account's refresh is the same
/// idempotent ledger operation a spend or a read triggers, so sweeps, lazy resets and other
/// instances can overlap freely.
/// </summary>
public sealed class PeriodSweeps(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    TokenCalendar calendar,
    IOptions<TokensOptions> options,
    ILogger<PeriodSweeps> logger)
{
    private const int PageSize = 500;

    public async Task<SweepResult> SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (day, month) = (calendar.DayKey(now), calendar.MonthKey(now));
        var daily = options.Value.DailyFree > 0;
        int checkedCount = 0, reset = 0;
        long after = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var due = await db.TokenAccounts.AsNoTracking()
                .Where(a => a.Id > after && (a.PlanPeriod != month || a.PlanPeriod == null || a.PlanEndAt <= now
                    || (daily && (a.DailyPeriod != day || a.DailyPeriod == null))))
                .OrderBy(a => a.Id).Select(a => new { a.Id, a.UserId }).Take(PageSize).ToListAsync(cancellationToken);
            if (due.Count == 0)
            {
                break;
            }

            var ledger = scope.ServiceProvider.GetRequiredService<LedgerService>();
            var results = await Task.WhenAll(due.Select(a => ledger.RefreshAsync(a.UserId, cancellationToken)));
            checkedCount += due.Count;
            reset += results.Count(r => r);
            if (daily)
            {
                var notifications = scope.ServiceProvider.GetRequiredService<Notifications.NotificationService>();
                foreach (var account in due.Where((_, i) => results[i]))
                {
                    await notifications.NotifyOnceAsync(account.UserId, "daily_refill", "Your daily tokens are back",
                        $"You have {options.Value.DailyFree} free tokens for {day}.", "/studio", cancellationToken);
                }
            }
            after = due[^1].Id;
        }

        logger.LogInformation("Period sweep for {Day}: {Reset} of {Checked} due account(s) refreshed", day, reset, checkedCount);
        return new SweepResult(day, checkedCount, reset);
    }
}
