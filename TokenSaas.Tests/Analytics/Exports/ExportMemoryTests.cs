using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Analytics.Exports;

/// <summary>Heap measurements mean nothing while other tests run in the process, so these run on their own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ExportMemoryCollection
{
    public const string Name = "export memory";
}

/// <summary>
/// SPEC 10.6's "memory flat whatever the size": 100,000 ledger rows are exported while the live heap
/// is sampled; it grows by a small fixed amount (buffers), not with the file. The 1,000,000-row run
/// is `./bench.sh --exports` (numbers in the README).
/// </summary>
public abstract class ExportMemoryTests(TestApp app)
{
    private const int Rows = 100_000;
    private const long AllowedGrowth = 5L * 1024 * 1024;

    [Fact]
    public async Task Exporting_100000_ledger_rows_streams_them_all_while_the_live_heap_stays_flat()
    {
        var user = await app.NewApiUserAsync();
        var account = await app.WithDbAsync(db => db.TokenAccounts.Where(a => a.UserId == user.UserId).Select(a => a.Id).SingleAsync());
        await SeedAsync(account, new DateTime(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc));
        using var client = app.AdminApi();
        // One small export first: the query's compilation and the app's caches are not the export's growth.
        await DownloadAsync(client, "2024-05-02");

        var before = GC.GetTotalMemory(forceFullCollection: true);
        using var stop = new CancellationTokenSource();
        var peak = before;
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
                // Each sample is a full blocking collection of the whole test process: often enough to
                // catch an export that buffers, not so often that the collections stall the export.
                await Task.Delay(250);
            }
        });
        var (lines, bytes, last) = await DownloadAsync(client, "2024-05-01");
        await stop.CancelAsync();
        await sampler;

        Assert.Equal(Rows + 1, lines);
        Assert.Contains($"\"Memory row {Rows}, quoted\"", last);
        var growth = peak - before;
        Assert.True(bytes > 3 * AllowedGrowth, $"the file ({bytes:N0} bytes) should dwarf the allowed growth; grew {growth:N0}");
        Assert.True(growth < AllowedGrowth, $"the live heap grew by {growth:N0} bytes exporting {bytes:N0} bytes of CSV");
    }

    /// <summary>Reads the export as a browser saving it would, a buffer at a time; counts lines and keeps only the last.</summary>
    private static async Task<(int Lines, long Bytes, string Last)> DownloadAsync(HttpClient client, string day)
    {
        using var response = await client.GetAsync($"/api/admin/exports/ledger.csv?from={day}&to={day}", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(body);
        var (lines, bytes, last) = (0, 0L, string.Empty);
        while (await reader.ReadLineAsync() is { } line)
        {
            (lines, bytes, last) = (lines + 1, bytes + line.Length + 1, line);
        }

        return (lines, bytes, last);
    }

    /// <summary>Rows straight into the table in one statement per database (the ledger writer would take minutes for this many).</summary>
    private Task SeedAsync(long account, DateTime day) => app.WithDbAsync(async db =>
    {
        var columns = "account_id, type, amount, balance_after, actor, description, idempotency_key, correlation_id, created_at";
        var start = day.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var sql = app.Provider == DatabaseProvider.Postgres
            ? $"INSERT INTO ledger_entries ({columns}) SELECT {account}, 'adjust', 1, i, 'system', 'Memory row ' || i || ', quoted', " +
              $"'memory-' || i, 'corr-' || i, TIMESTAMPTZ '{start}+00' + (i * 0.8) * INTERVAL '1 second' FROM generate_series(1, {Rows}) AS i"
            : $"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {Rows}) " +
              $"INSERT INTO ledger_entries ({columns}) SELECT {account}, 'adjust', 1, i, 'system', 'Memory row ' || i || ', quoted', " +
              $"'memory-' || i, 'corr-' || i, strftime('%Y-%m-%d %H:%M:%f', '{start}', '+' || (i * 0.8) || ' seconds') FROM n";
        return await db.Database.ExecuteSqlRawAsync(sql);
    });
}

[Collection(ExportMemoryCollection.Name)]
public sealed class ExportMemoryTests_Sqlite(SqliteApp app) : ExportMemoryTests(app), IClassFixture<SqliteApp>;

[Collection(ExportMemoryCollection.Name)]
public sealed class ExportMemoryTests_Postgres(PostgresApp app) : ExportMemoryTests(app), IClassFixture<PostgresApp>;
