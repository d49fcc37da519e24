using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Ledger;

namespace TokenSaas.Bench;

/// <summary>The ledger without HTTP: 64 tasks calling LedgerService.SpendAsync, to see the writer's own ceiling.</summary>
public static class LedgerOnly
{
    public static async Task<double> RunAsync(BenchHost host, IReadOnlyList<string> userIds, TimeSpan duration)
    {
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var start = Stopwatch.GetTimestamp();
        var counts = await Task.WhenAll(Enumerable.Range(0, 64).Select(c => Task.Run(async () =>
        {
            var random = new Random(c);
            long done = 0;
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                await using var scope = host.Services.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<LedgerService>()
                    .SpendAsync(userIds[random.Next(userIds.Count)], "create_website", 1, $"lo-{c}-{done}-{Guid.NewGuid():N}");
                done += result.Succeeded ? 1 : 0;
            }

            return done;
        })));
        return counts.Sum() / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}
