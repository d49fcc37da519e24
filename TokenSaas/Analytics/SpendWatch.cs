using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using TokenSaas.Scheduling;

namespace TokenSaas.Analytics;

/// <summary>
/// Users who have just spent, waiting for the <see cref="AlertWorker"/> to check them. Noting a
/// spend is a set insert and a signal: nothing on the spend path waits for a check or can fail
/// because of one. A user who spends many times before the worker runs is checked once.
/// </summary>
public sealed class SpendWatch : WakeSignal
{
    private readonly ConcurrentDictionary<string, byte> pending = new();

    public void Spent(string userId)
    {
        pending.TryAdd(userId, 0);
        Wake();
    }

    /// <summary>Everyone noted so far; each is removed as it is taken, so a spend noted meanwhile waits for the next round.</summary>
    public List<string> Take()
    {
        var users = new List<string>();
        foreach (var userId in pending.Keys)
        {
            if (pending.TryRemove(userId, out _))
            {
                users.Add(userId);
            }
        }

        return users;
    }
}

/// <summary>Checks the users <see cref="SpendWatch"/> noted, a few seconds after a spend wakes it (so a burst is one check).</summary>
public sealed class AlertWorker(SpendWatch watch, IServiceScopeFactory scopes, IOptions<AlertsOptions> options, ILogger<AlertWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await watch.WaitAsync(TimeSpan.FromMinutes(1), stoppingToken);
                await Task.Delay(TimeSpan.FromSeconds(options.Value.CheckDelaySeconds), stoppingToken);
                var users = watch.Take();
                if (users.Count > 0)
                {
                    await CheckAsync(users, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task CheckAsync(List<string> users, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AlertChecker>().CheckUsersAsync(users, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // The minute job checks recent spenders again; a failed round loses nothing.
            logger.LogError(ex, "Checking {Count} user(s) for unusual spending failed", users.Count);
        }
    }
}
