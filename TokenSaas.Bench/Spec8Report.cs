using System.Globalization;
using TokenSaas.Data;

namespace TokenSaas.Bench;

/// <summary>What one run shows against SPEC section 8: every ratio it names, a PASS/MISS line per target, and the README table.</summary>
public static class Spec8Report
{
    private const double RssLimitMb = 300;

    public static void Print(IReadOnlyList<ProviderRun> providers, double raw)
    {
        var sqlite = providers.Single(p => p.Provider == DatabaseProvider.Sqlite);
        var postgres = providers.SingleOrDefault(p => p.Provider == DatabaseProvider.Postgres);

        Console.WriteLine();
        Console.WriteLine("| scenario | db | spends/s | p50 ms | p99 ms | ok | 402 | errors | notes |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var p in providers)
        {
            var db = p.Provider.ToString().ToLowerInvariant();
            var verify = VerifyText(p.Verify);
            Console.WriteLine(Row(p.Spread, db, $"verify: {verify}"));
            Console.WriteLine(Row(p.Hot, db, $"verify: {verify}"));
            Console.WriteLine(Row(p.Naive, db, $"lost updates: {p.NaiveLost:N0} token(s)"));
            Console.WriteLine(Row(p.Floor, db, "HTTP ceiling on this machine"));
        }

        Console.WriteLine($"| raw SQLite update+insert loop (no HTTP, commit per 64, no app) | sqlite | {raw:N0} | – | – | – | – | – | ceiling |");

        Console.WriteLine();
        Console.WriteLine("Ratios (this run, medians):");
        Console.WriteLine($"  SQLite ledger ÷ naive SQLite:           {Ratio(sqlite.Spread, sqlite.Naive):0.00}×");
        Console.WriteLine($"  SQLite ledger ÷ raw SQLite loop:        {sqlite.Spread.Result.PerSecond / raw:P0}");
        Console.WriteLine(postgres is null
            ? "  PostgreSQL: not run (TOKENSAAS_BENCH_POSTGRES not set)"
            : $"  PostgreSQL ledger ÷ naive PostgreSQL:   {Ratio(postgres.Spread, postgres.Naive):0.00}×");
        foreach (var p in providers)
        {
            Console.WriteLine($"  {Db(p),-10} hot account {p.Hot.Result.PerSecond,8:N0}/s; app peak RSS {p.Memory.PeakMb:N0} MB " +
                              $"(VmHWM of the app process alone, {(p.ServerGc ? "server" : "workstation")} GC; " +
                              $"highest VmRSS sample {p.Memory.HighestSampleMb:N0} MB)");
        }

        Console.WriteLine();
        Console.WriteLine("SPEC 8 targets:");
        Target("SQLite, 1,000 accounts ≥ 10,000 spends/s", sqlite.Spread.Result.PerSecond, 10_000, "/s", atLeast: true);
        Target("SQLite, 1,000 accounts p99 ≤ 20 ms", sqlite.Spread.Result.P99Ms, 20, " ms", atLeast: false);
        Target("SQLite, hot account ≥ 2,000/s", sqlite.Hot.Result.PerSecond, 2_000, "/s", atLeast: true);
        if (postgres is null)
        {
            Console.WriteLine("  SKIP  PostgreSQL targets (TOKENSAAS_BENCH_POSTGRES not set)");
        }
        else
        {
            Target("PostgreSQL, hot account ≥ 2,000/s", postgres.Hot.Result.PerSecond, 2_000, "/s", atLeast: true);
            Target("PostgreSQL, 1,000 accounts ≥ 5,000/s", postgres.Spread.Result.PerSecond, 5_000, "/s", atLeast: true);
            Target("PostgreSQL ledger ≥ 1.5× naive PostgreSQL", Ratio(postgres.Spread, postgres.Naive), 1.5, "×", atLeast: true);
        }

        Target("SQLite ledger ≥ 50 % of the raw loop", 100 * sqlite.Spread.Result.PerSecond / raw, 50, " %", atLeast: true);
        Target("SQLite ledger ≥ 5× naive SQLite", Ratio(sqlite.Spread, sqlite.Naive), 5, "×", atLeast: true);
        foreach (var p in providers)
        {
            Target($"{Db(p)}, app RSS ≤ 300 MB", p.Memory.PeakMb, RssLimitMb, " MB", atLeast: false);
        }

        foreach (var p in providers)
        {
            var errors = p.Spread.Result.Errors + p.Hot.Result.Errors;
            var clean = p.Verify.Clean && errors == 0;
            Console.WriteLine($"  {(clean ? "PASS" : "MISS")}  {Db(p)}, verify clean, every spend answered 200 or 402: " +
                              $"verify {VerifyText(p.Verify)}, {errors:N0} other answer(s)");
        }

        PrintReadmeTable(providers, raw);
    }

    private static void PrintReadmeTable(IReadOnlyList<ProviderRun> providers, double raw)
    {
        Console.WriteLine();
        Console.WriteLine("For TokenSaas/Ledger/README.md:");
        Console.WriteLine();
        Console.WriteLine("| scenario | db | spends/s | p50 ms | p99 ms | notes |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | --- |");
        foreach (var p in providers)
        {
            var db = Db(p);
            var verify = VerifyText(p.Verify);
            Console.WriteLine(ReadmeRow($"ledger `/api/v1/spend`, {LedgerBench.Accounts:N0} accounts", db, p.Spread.Result, verify, bold: true));
            Console.WriteLine(ReadmeRow("ledger `/api/v1/spend`, 1 hot account", db, p.Hot.Result, verify, bold: true));
            var lost = p.NaiveLost == 0 ? "no loss" : $"**lost {p.NaiveLost:N0} tokens** in {p.NaiveSeconds:0} s";
            Console.WriteLine(ReadmeRow($"naive read-modify-write, {LedgerBench.Accounts:N0} accounts", db, p.Naive.Result, lost, bold: false));
            Console.WriteLine(ReadmeRow("HTTP alone (no-op endpoint, same JWT check)", db, p.Floor.Result, "the HTTP ceiling here", bold: false));
        }

        Console.WriteLine($"| raw SQLite update + insert loop, commit per 64, no HTTP | SQLite | {raw:N0} | – | – | the row-work ceiling |");
        Console.WriteLine();
        Console.WriteLine("App peak RSS, the app process alone (load generator in another process): " +
                          string.Join("; ", providers.Select(p => $"{Db(p)} {p.Memory.PeakMb:N0} MB")) + ".");
    }

    private static void Target(string label, double measured, double target, string unit, bool atLeast)
    {
        var met = atLeast ? measured >= target : measured <= target;
        var gap = Math.Abs(measured - target);
        var side = measured >= target ? "above" : "below";
        var gapUnit = unit == " %" ? " points" : unit;
        var how = met ? "to spare" : atLeast ? "short" : "over";
        Console.WriteLine($"  {(met ? "PASS" : "MISS")}  {label}: {Number(measured)}{unit}, {gap / target:P0} {side} the target " +
                          $"({Number(gap)}{gapUnit} {how})");
    }

    private static string Number(double value) =>
        value.ToString(Math.Abs(value) >= 100 ? "N0" : Math.Abs(value) >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture);

    private static string Db(ProviderRun run) => run.Provider == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL";

    private static double Ratio(Scenario ledger, Scenario naive) => ledger.Result.PerSecond / Math.Max(naive.Result.PerSecond, 1);

    private static string VerifyText(AppVerify verify) =>
        verify.Clean ? "clean" : $"{verify.Mismatches:N0} MISMATCHES (first: {string.Join("; ", verify.First)})";

    private static string Row(Scenario s, string db, string notes) =>
        $"| {s.Label} | {db} | {s.Result.PerSecond:N0} | {s.Result.P50Ms:0.0} | {s.Result.P99Ms:0.0} | {s.Result.Ok:N0} | " +
        $"{s.Result.Refused:N0} | {s.Result.Errors:N0} | {notes} |";

    private static string ReadmeRow(string label, string db, RunResult r, string notes, bool bold) =>
        $"| {label} | {db} | {(bold ? $"**{r.PerSecond:N0}**" : $"{r.PerSecond:N0}")} | {r.P50Ms:0.0} | {r.P99Ms:0.0} | " +
        $"{(bold ? $"verify {notes}" : notes)} |";
}
