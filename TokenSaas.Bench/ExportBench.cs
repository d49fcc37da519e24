using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using TokenSaas.Data;

namespace TokenSaas.Bench;

/// <summary>
/// SPEC 10.6's "streamed, memory flat whatever the size": seeds a million ledger entries on one day,
/// downloads /api/admin/exports/ledger.csv for that day over loopback HTTP, and samples the app's
/// heap meanwhile. Twice: once forcing a full collection at each sample (live bytes: what the export
/// holds on to), once without (the heap the GC actually keeps, and the speed undisturbed).
/// </summary>
public static class ExportBench
{
    private static readonly DateTime Day = new(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc);

    public static async Task<List<string>> RunAsync(BenchHost host, int rows)
    {
        var db = host.Provider.ToString().ToLowerInvariant();
        var (userId, _) = (await host.CreateAccountsAsync(1))[0];
        var watch = Stopwatch.StartNew();
        await SeedAsync(host, userId, rows);
        Console.WriteLine($"  [{db}] seeded {rows:N0} ledger entries in {watch.Elapsed.TotalSeconds:0.0} s");
        using var client = new HttpClient { BaseAddress = new Uri(host.BaseUrl), Timeout = TimeSpan.FromMinutes(10) };
        client.DefaultRequestHeaders.Add("X-Api-Key", BenchHost.AdminApiKey);
        await DownloadAsync(client, "2024-05-02");

        var live = await MeasureAsync(client, forceCollection: true);
        var heap = await MeasureAsync(client, forceCollection: false);
        if (live.Lines != rows + 1 || heap.Lines != rows + 1)
        {
            throw new InvalidOperationException($"expected {rows + 1:N0} lines, got {live.Lines:N0} and {heap.Lines:N0}");
        }

        Console.WriteLine($"  [{db}] {rows:N0} rows, {Mb(heap.Bytes)} MB of CSV in {heap.Seconds:0.0} s ({rows / heap.Seconds:N0} rows/s); " +
                          $"live heap {Mb(live.Before)} MB before, peak +{Mb(live.Peak - live.Before)} MB; " +
                          $"GC heap {Mb(heap.Before)} MB before, peak {Mb(heap.Peak)} MB");
        return
        [
            $"| ledger.csv, {rows:N0} rows | {db} | {Mb(heap.Bytes)} | {heap.Seconds:0.0} | {rows / heap.Seconds:N0} | " +
            $"+{Mb(live.Peak - live.Before)} | {Mb(heap.Before)} → {Mb(heap.Peak)} |",
        ];
    }

    private sealed record Measure(long Lines, long Bytes, double Seconds, long Before, long Peak);

    private static async Task<Measure> MeasureAsync(HttpClient client, bool forceCollection)
    {
        var before = forceCollection ? GC.GetTotalMemory(forceFullCollection: true) : GC.GetGCMemoryInfo().HeapSizeBytes;
        var peak = before;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, forceCollection ? GC.GetTotalMemory(forceFullCollection: true) : GC.GetGCMemoryInfo().HeapSizeBytes);
                await Task.Delay(forceCollection ? 100 : 10);
            }
        });
        var watch = Stopwatch.StartNew();
        var (lines, bytes) = await DownloadAsync(client, "2024-05-01");
        var seconds = watch.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await sampler;
        return new Measure(lines, bytes, seconds, before, peak);
    }

    private static async Task<(long Lines, long Bytes)> DownloadAsync(HttpClient client, string day)
    {
        using var response = await client.GetAsync($"/api/admin/exports/ledger.csv?from={day}&to={day}", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        var (lines, bytes) = (0L, 0L);
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            bytes += read;
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        return (lines, bytes);
    }

    private static async Task SeedAsync(BenchHost host, string userId, int rows)
    {
        await using DbConnection connection = host.Provider == DatabaseProvider.Postgres
            ? new NpgsqlConnection(host.ConnectionString)
            : new SqliteConnection(host.ConnectionString);
        await connection.OpenAsync();
        var step = (86_000.0 / rows).ToString("0.######", CultureInfo.InvariantCulture);
        var start = Day.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        const string columns = "account_id, type, amount, balance_after, bucket, feature, quantity, actor, description, idempotency_key, " +
                               "correlation_id, created_at";
        var values = $"(SELECT id FROM token_accounts WHERE user_id = '{userId}'), 'spend', -1, {rows} - i, NULL, 'create_website', 1, " +
                     $"'{userId}', 'Spent on create_website, run ' || i, 'export-bench-' || i, 'run-' || i";
        await using var command = connection.CreateCommand();
        command.CommandTimeout = 600;
        command.CommandText = host.Provider == DatabaseProvider.Postgres
            ? $"INSERT INTO ledger_entries ({columns}) SELECT {values}, TIMESTAMPTZ '{start}+00' + (i * {step}) * INTERVAL '1 second' " +
              $"FROM generate_series(1, {rows}) AS i; ANALYZE ledger_entries"
            : $"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rows}) INSERT INTO ledger_entries ({columns}) " +
              $"SELECT {values}, strftime('%Y-%m-%d %H:%M:%f', '{start}', '+' || (i * {step}) || ' seconds') FROM n";
        await command.ExecuteNonQueryAsync();
    }

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture);
}
