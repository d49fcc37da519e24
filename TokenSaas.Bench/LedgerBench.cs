using TokenSaas.Data;

namespace TokenSaas.Bench;

public sealed record Scenario(string Label, RunResult Result);

/// <summary>One database's part of the run: the app alone in its own process, measured from here.</summary>
public sealed record ProviderRun(DatabaseProvider Provider, Scenario Spread, Scenario Hot, Scenario Naive, Scenario Floor,
    AppVerify Verify, long NaiveLost, double NaiveSeconds, AppMemory Memory, bool ServerGc);

/// <summary>
/// The spend bench: the app runs in a child process (<see cref="AppProcess"/>) and this process is only
/// the load generator, so the app's memory is its own. The raw SQLite loop runs here, with no app at all.
/// </summary>
public static class LedgerBench
{
    public const int Clients = 64;
    public const int Accounts = 1000;
    private const int JitWarmUpSeconds = 30;

    public static async Task<ProviderRun> RunAsync(DatabaseProvider provider, int seconds, int runs)
    {
        var name = provider.ToString().ToLowerInvariant();
        await using var app = await AppProcess.StartAsync(provider);
        Console.WriteLine($"[{provider}] app in its own process (pid {app.Pid}, {(app.ServerGc ? "server" : "workstation")} GC) " +
                          $"at {app.BaseUrl}; funding {Accounts:N0} accounts …");
        var tokens = (await app.FundAsync(Accounts)).Select(a => a.Token).ToList();

        // Tiered compilation keeps recompiling the app's hot paths for about half a minute of load after a
        // start (its JIT thread measured at a quarter to half a core for ~35 s), so the scenarios start after it.
        Console.WriteLine($"  warming the app's JIT up for {JitWarmUpSeconds} s …");
        await Load.RunAsync(app.BaseUrl, "/api/v1/spend", tokens, Clients, TimeSpan.FromSeconds(JitWarmUpSeconds), $"jit-{Guid.NewGuid():N}");
        var spread = await MeasureAsync($"ledger /api/v1/spend, {Accounts:N0} accounts", "/api/v1/spend", tokens);
        var hot = await MeasureAsync("ledger /api/v1/spend, 1 hot account", "/api/v1/spend", tokens.Take(1).ToList());
        var verify = await app.VerifyAsync();
        var naive = await MeasureAsync($"naive read-modify-write, {Accounts:N0} accounts", NaiveSpend.Path, tokens);
        var lost = await app.NaiveLostUpdatesAsync();
        var floor = await MeasureAsync("HTTP alone: no-op endpoint, same JWT check", NaiveSpend.NoOpPath, tokens);
        var memory = app.Memory();
        Console.WriteLine($"  app peak RSS {memory.PeakMb:N0} MB (highest of {memory.Samples:N0} samples: {memory.HighestSampleMb:N0} MB)");
        return new ProviderRun(provider, spread, hot, naive, floor, verify, lost, WarmUp(seconds) + runs * seconds, memory, app.ServerGc);

        async Task<Scenario> MeasureAsync(string label, string path, IReadOnlyList<string> callers)
        {
            await Load.RunAsync(app.BaseUrl, path, callers, Clients, TimeSpan.FromSeconds(WarmUp(seconds)), $"warm-{Guid.NewGuid():N}");
            var results = new List<RunResult>();
            for (var run = 0; run < runs; run++)
            {
                results.Add(await Load.RunAsync(app.BaseUrl, path, callers, Clients, TimeSpan.FromSeconds(seconds), $"{Guid.NewGuid():N}"));
                Console.WriteLine($"  {label} [{name}] run {run + 1}: {results[^1].PerSecond:N0}/s, p99 {results[^1].P99Ms:0.0} ms");
            }

            return new Scenario(label, results.OrderBy(r => r.PerSecond).ElementAt(results.Count / 2));
        }
    }

    public static double RawLoop(int seconds, int runs)
    {
        var rawRuns = Enumerable.Range(0, runs).Select(_ => RawSqlite.Run(TimeSpan.FromSeconds(seconds), 64, Accounts)).Order().ToList();
        Console.WriteLine($"  raw SQLite loop, no app: {string.Join(", ", rawRuns.Select(r => $"{r:N0}/s"))}");
        return rawRuns[rawRuns.Count / 2];
    }

    private static int WarmUp(int seconds) => Math.Max(3, seconds);
}
