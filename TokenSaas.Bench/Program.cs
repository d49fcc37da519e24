using System.Diagnostics;
using System.Globalization;
using TokenSaas.Data;

namespace TokenSaas.Bench;

public static class BenchMain
{
    public static async Task Main(string[] args)
    {
        if (args.FirstOrDefault() == "serve")
        {
            Environment.ExitCode = await AppServer.RunAsync(args);
            return;
        }

        try
        {
            await RunAsync(args);
        }
        catch (Exception e)
        {
            // Reported rather than rethrown: an unhandled exception aborts, and an aborted runtime leaves files in /tmp.
            await Console.Error.WriteLineAsync($"bench failed: {e}");
            Environment.ExitCode = 1;
        }
        finally
        {
            BenchHost.RemoveTempRootIfEmpty();
        }
    }

    private static async Task RunAsync(string[] args)
    {
        // ./bench.sh [seconds-per-run] [runs]: spends over HTTP against the real app in its own process
        // (LedgerBench), SQLite then PostgreSQL (when TOKENSAAS_BENCH_POSTGRES is set), beside a naive
        // read-modify-write endpoint and a raw SQLite loop measured in the same run; medians of the runs,
        // the app's RSS, and SPEC 8's ratios and targets (Spec8Report).
        // The modes below run the app inside this process (they seed through its services):
        // ./bench.sh --bulk: a 50,000-row bulk allocation instead (BulkBench).
        // ./bench.sh --admin-list: the admin user list over 100,000 users instead (UserListBench).
        // ./bench.sh --exports: a 1,000,000-row ledger CSV export and the heap meanwhile instead (ExportBench).
        // ./bench.sh --analytics: the analytics figures over 1,000,000 ledger entries instead (AnalyticsBench).
        // ./bench.sh --ledger-only: LedgerService.SpendAsync without HTTP instead (LedgerOnly).
        var numbers = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        var seconds = numbers.Length > 0 ? int.Parse(numbers[0], CultureInfo.InvariantCulture) : 5;
        var runs = numbers.Length > 1 ? int.Parse(numbers[1], CultureInfo.InvariantCulture) : 3;
        var duration = TimeSpan.FromSeconds(seconds);

        Console.WriteLine($"TokenSaas ledger bench: {LedgerBench.Clients} concurrent HTTP clients, {seconds} s per run, median of {runs} runs, " +
                          $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, bench pid {Environment.ProcessId}");

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

        if (args.Contains("--ledger-only"))
        {
            // The writer without HTTP needs LedgerService itself, so the app stays in this process here.
            foreach (var (provider, postgres) in providers)
            {
                await using var host = await BenchHost.StartAsync(provider, postgres);
                Console.WriteLine($"[{provider}] funding {LedgerBench.Accounts:N0} accounts …");
                var ids = (await host.CreateAccountsAsync(LedgerBench.Accounts)).Select(a => a.UserId).ToList();
                Console.WriteLine($"  ledger only, {LedgerBench.Accounts} accounts: {await LedgerOnly.RunAsync(host, ids, duration):N0}/s");
                Console.WriteLine($"  ledger only, hot account: {await LedgerOnly.RunAsync(host, ids.Take(1).ToList(), duration):N0}/s");
            }

            return;
        }

        var measured = new List<ProviderRun>();
        foreach (var (provider, _) in providers)
        {
            measured.Add(await LedgerBench.RunAsync(provider, seconds, runs));
        }

        Spec8Report.Print(measured, LedgerBench.RawLoop(seconds, runs));
        Console.WriteLine($"Peak working set of the load generator (this process, not the app): {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024:N0} MB");
    }
}
