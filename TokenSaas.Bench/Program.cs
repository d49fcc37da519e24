using System.Diagnostics;
using System.Globalization;
using TokenSaas.Data;

namespace TokenSaas.Bench;

public static class BenchMain
{
    public static async Task Main(string[] args)
    {
        // ./bench.sh [seconds-per-run] [runs]: spends over HTTP against the real app, SQLite then
        // PostgreSQL (when TOKENSAAS_BENCH_POSTGRES is set), beside a naive read-modify-write endpoint
        // and a raw SQLite loop measured in the same run. Reports the median of the runs.
        // ./bench.sh --bulk: a 50,000-row bulk allocation instead (BulkBench).
        // ./bench.sh --admin-list: the admin user list over 100,000 users instead (UserListBench).
        // ./bench.sh --exports: a 1,000,000-row ledger CSV export and the heap meanwhile instead (ExportBench).
        // ./bench.sh --analytics: the analytics figures over 1,000,000 ledger entries instead (AnalyticsBench).
        var numbers = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        var seconds = numbers.Length > 0 ? int.Parse(numbers[0], CultureInfo.InvariantCulture) : 5;
        var runs = numbers.Length > 1 ? int.Parse(numbers[1], CultureInfo.InvariantCulture) : 3;
        const int clients = 64;
        const int accounts = 1000;
        var duration = TimeSpan.FromSeconds(seconds);
        var rows = new List<string>();

        Console.WriteLine($"TokenSaas ledger bench: {clients} concurrent HTTP clients, {seconds} s per run, median of {runs} runs, " +
                          $"{Environment.ProcessorCount} cores, .NET {Environment.Version}");

        var providers = new List<(DatabaseProvider Provider, string? Server)> { (DatabaseProvider.Sqlite, null) };
        if (Environment.GetEnvironmentVariable("TOKENSAAS_BENCH_POSTGRES") is { Length: > 0 } server)
        {
            providers.Add((DatabaseProvider.Postgres, server));
        }

        if (args.Contains("--bulk"))
        {
            foreach (var (provider, postgres) in providers)
            {
                await using var bulkHost = await BenchHost.StartAsync(provider, postgres);
                await BulkBench.RunAsync(bulkHost);
            }

            return;
        }

        if (args.Contains("--exports"))
        {
            var table = new List<string>();
            foreach (var (provider, postgres) in providers)
            {
                await using var exportHost = await BenchHost.StartAsync(provider, postgres);
                table.AddRange(await ExportBench.RunAsync(exportHost, rows: 1_000_000));
            }

            Console.WriteLine();
            Console.WriteLine("| export | db | MB | s | rows/s | live heap peak growth MB | GC heap MB (before → peak) |");
            Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | --- |");
            table.ForEach(Console.WriteLine);
            return;
        }

        if (args.Contains("--analytics"))
        {
            var table = new List<string>();
            foreach (var (provider, postgres) in providers)
            {
                await using var analyticsHost = await BenchHost.StartAsync(provider, postgres);
                table.AddRange(await AnalyticsBench.RunAsync(analyticsHost, entries: 1_000_000, requests: 40 * runs));
            }

            Console.WriteLine();
            Console.WriteLine("| scenario | db | p50 ms | p95 ms | target |");
            Console.WriteLine("| --- | --- | ---: | ---: | --- |");
            table.ForEach(Console.WriteLine);
            return;
        }

        if (args.Contains("--admin-list"))
        {
            var table = new List<string>();
            foreach (var (provider, postgres) in providers)
            {
                await using var listHost = await BenchHost.StartAsync(provider, postgres);
                table.AddRange(await UserListBench.RunAsync(listHost, users: 100_000, requests: 40 * runs));
            }

            Console.WriteLine();
            Console.WriteLine("| scenario | db | p50 ms | p95 ms | target |");
            Console.WriteLine("| --- | --- | ---: | ---: | --- |");
            table.ForEach(Console.WriteLine);
            return;
        }

        double sqliteLedger = 0, sqliteNaive = 0;
        foreach (var (provider, postgres) in providers)
        {
            await using var host = await BenchHost.StartAsync(provider, postgres);
            Console.WriteLine($"[{provider}] funding {accounts:N0} accounts …");
            var all = await host.CreateAccountsAsync(accounts);
            var tokens = all.Select(a => a.Token).ToList();
            var name = provider.ToString().ToLowerInvariant();

            if (args.Contains("--ledger-only"))
        {
            var ids = all.Select(a => a.UserId).ToList();
            Console.WriteLine($"  ledger only, {accounts} accounts: {await LedgerOnly.RunAsync(host, ids, duration):N0}/s");
            Console.WriteLine($"  ledger only, hot account: {await LedgerOnly.RunAsync(host, ids.Take(1).ToList(), duration):N0}/s");
            continue;
        }

        var spread = await Scenario($"ledger /api/v1/spend, {accounts:N0} accounts", "/api/v1/spend", tokens);
            var hot = await Scenario("ledger /api/v1/spend, 1 hot account", "/api/v1/spend", tokens.Take(1).ToList());
            var verify = await host.VerifyAsync();
            var naive = await Scenario($"naive read-modify-write, {accounts:N0} accounts", NaiveSpend.Path, tokens);
            var lost = await NaiveSpend.LostUpdatesAsync(host);
            var floor = await Scenario("HTTP alone: no-op endpoint, same JWT check", NaiveSpend.NoOpPath, tokens);

            rows.Add(Row(spread.Label, name, spread.Result, $"verify: {(verify.Clean ? "clean" : $"{verify.Mismatches.Count} MISMATCHES")}"));
            rows.Add(Row(hot.Label, name, hot.Result, $"verify: {(verify.Clean ? "clean" : "MISMATCHES")}"));
            rows.Add(Row(naive.Label, name, naive.Result, $"lost updates: {lost:N0} token(s)"));
            rows.Add(Row(floor.Label, name, floor.Result, "HTTP ceiling on this machine"));
            if (provider == DatabaseProvider.Sqlite)
            {
                (sqliteLedger, sqliteNaive) = (spread.Result.PerSecond, naive.Result.PerSecond);
            }

            async Task<(string Label, RunResult Result)> Scenario(string label, string path, IReadOnlyList<string> callers)
            {
                await Load.RunAsync(host.BaseUrl, path, callers, clients, TimeSpan.FromSeconds(Math.Max(3, seconds)), $"warm-{Guid.NewGuid():N}");
                var results = new List<RunResult>();
                for (var run = 0; run < runs; run++)
                {
                    results.Add(await Load.RunAsync(host.BaseUrl, path, callers, clients, duration, $"{Guid.NewGuid():N}"));
                    Console.WriteLine($"  {label} [{name}] run {run + 1}: {results[^1].PerSecond:N0}/s, p99 {results[^1].P99Ms:0.0} ms");
                }

                return (label, Median(results));
            }
        }

        var rawRuns = Enumerable.Range(0, runs).Select(_ => RawSqlite.Run(duration, 64, accounts)).Order().ToList();
        var raw = rawRuns[rawRuns.Count / 2];
        rows.Add($"| raw SQLite update+insert loop (no HTTP, commit per 64) | sqlite | {raw:N0} | – | – | – | – | – | ceiling |");

        Console.WriteLine();
        Console.WriteLine("| scenario | db | spends/s | p50 ms | p99 ms | ok | 402 | errors | notes |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        rows.ForEach(Console.WriteLine);
        Console.WriteLine();
        Console.WriteLine($"SQLite ledger / naive baseline: {sqliteLedger / Math.Max(sqliteNaive, 1):0.0}×; " +
                          $"ledger / raw loop ceiling: {sqliteLedger / raw:P0}");
        Console.WriteLine($"Peak working set of this process (app + load generator): {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024:N0} MB");
    }

    private static RunResult Median(List<RunResult> results)
    {
        var ordered = results.OrderBy(r => r.PerSecond).ToList();
        return ordered[ordered.Count / 2];
    }

    private static string Row(string label, string db, RunResult r, string notes) =>
        $"| {label} | {db} | {r.PerSecond:N0} | {r.P50Ms:0.0} | {r.P99Ms:0.0} | {r.Ok:N0} | {r.Refused:N0} | {r.Errors:N0} | {notes} |";
}
