using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TokenSaas.Analytics;
using TokenSaas.Data;
using TokenSaas.Promotions;

namespace TokenSaas.Bench;

/// <summary>
/// The analytics figures over a big ledger: seeds 1,000,000 entries (spends, holds, releases, grants)
/// and 20,000 payments spread over the last 90 days for 1,000 accounts straight into the database,
/// then times GET /api/admin/analytics for 7, 30 and 90 days over loopback HTTP, first with every day
/// read from the ledger, then after the rollup job has rolled the closed days; and, in process, the
/// overview's live numbers and the top spenders (read from the ledger whatever the rollup).
/// </summary>
public static class AnalyticsBench
{
    private static readonly string[] Features = ["create_website", "generate_image", "write_blog_post", "translate_text", "summarize_document"];

    public static async Task<List<string>> RunAsync(BenchHost host, int entries, int requests)
    {
        var db = host.Provider.ToString().ToLowerInvariant();
        var accounts = await host.CreateAccountsAsync(1_000);
        var watch = Stopwatch.StartNew();
        await SeedAsync(host, accounts.Select(a => a.UserId).ToList(), entries);
        Console.WriteLine($"  [{db}] seeded {entries:N0} ledger entries and 20,000 payments over 90 days in {watch.Elapsed.TotalSeconds:0.0} s");
        using var client = new HttpClient { BaseAddress = new Uri(host.BaseUrl), Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Add("X-Api-Key", BenchHost.AdminApiKey);
        var rows = new List<string>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var phase in new[] { "not rolled up", "rolled up" })
        {
            if (phase == "rolled up")
            {
                watch.Restart();
                await using var scope = host.Services.CreateAsyncScope();
                var rolled = await scope.ServiceProvider.GetRequiredService<UsageRollups>().RollDueAsync(CancellationToken.None);
                Console.WriteLine($"  [{db}] rolled up {rolled} day(s) in {watch.Elapsed.TotalSeconds:0.0} s");
                rows.Add($"| rollup of {rolled} closed days ({entries:N0} entries), once | {db} | {watch.Elapsed.TotalMilliseconds:N0} total | | |");
            }

            foreach (var days in new[] { 7, 30, 90 })
            {
                var range = ReportRange.Last(days, today);
                var url = $"/api/admin/analytics?from={ReportRange.Text(range.From)}&to={ReportRange.Text(range.To)}";
                var count = phase == "rolled up" ? requests : Math.Max(5, requests / 8);
                var (p50, p95) = await TimeAsync(count, async () => (await client.GetAsync(url)).EnsureSuccessStatusCode());
                Console.WriteLine($"  [{db}] analytics {days} days, {phase}: p50 {p50:0.0} ms, p95 {p95:0.0} ms");
                rows.Add($"| GET /api/admin/analytics, last {days} days, {phase} | {db} | {p50:0.0} | {p95:0.0} | {(p95 <= 100 ? "within" : "OVER")} 100 ms p95 |");
            }
        }

        foreach (var (label, work) in new (string, Func<IServiceProvider, Task>)[]
                 {
                     ("overview live numbers (spent in the last hour, 10 latest events)", s => s.GetRequiredService<LiveActivity>().GetAsync(10, CancellationToken.None)),
                     ("top 10 spenders, last 7 days", s => s.GetRequiredService<AnalyticsReport>().TopSpendersAsync(ReportRange.Last(7, today), 10, CancellationToken.None)),
                     ("top 10 spenders, last 30 days", s => s.GetRequiredService<AnalyticsReport>().TopSpendersAsync(ReportRange.Last(30, today), 10, CancellationToken.None)),
                 })
        {
            var (p50, p95) = await TimeAsync(Math.Max(5, requests / 4), async () =>
            {
                await using var scope = host.Services.CreateAsyncScope();
                await work(scope.ServiceProvider);
            });
            Console.WriteLine($"  [{db}] {label}: p50 {p50:0.0} ms, p95 {p95:0.0} ms");
            rows.Add($"| {label} (in process) | {db} | {p50:0.0} | {p95:0.0} | {(p95 <= 100 ? "within" : "OVER")} 100 ms p95 |");
        }

        return rows;
    }

    private static async Task<(double P50, double P95)> TimeAsync(int count, Func<Task> work)
    {
        for (var i = 0; i < 3; i++)
        {
            await work();
        }

        var times = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await work();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        times.Sort();
        return (times[times.Count / 2], times[(int)Math.Ceiling(times.Count * 0.95) - 1]);
    }

    private static async Task SeedAsync(BenchHost host, List<string> userIds, int count)
    {
        var postgres = host.Provider == DatabaseProvider.Postgres;
        await using DbConnection connection = postgres ? new NpgsqlConnection(host.ConnectionString) : new SqliteConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var accountIds = new List<long>();
        await using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT id FROM token_accounts ORDER BY id";
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                accountIds.Add(reader.GetInt64(0));
            }
        }

        var end = DateTime.UtcNow.AddMinutes(-1);
        var span = TimeSpan.FromDays(90).Ticks;
        const int chunk = 2_000;
        for (var first = 0; first < count; first += chunk)
        {
            var sql = new StringBuilder("INSERT INTO ledger_entries (account_id, type, amount, balance_after, bucket, feature, quantity, actor, description, " +
                "idempotency_key, created_at) VALUES ");
            for (var i = first; i < Math.Min(count, first + chunk); i++)
            {
                var at = end.AddTicks(-(long)((double)(count - i) / count * span));
                var account = accountIds[i % accountIds.Count];
                var feature = Features[i % Features.Length];
                var quantity = 1 + i % 3;
                var (type, amount, bucket, f, q) = (i % 20) switch
                {
                    0 or 1 => ("grant", 500L, "'purchased'", "NULL", "NULL"),
                    2 => ("hold", -10L * quantity, "NULL", $"'{feature}'", quantity.ToString(CultureInfo.InvariantCulture)),
                    3 => ("release", 10L * quantity, "NULL", $"'{feature}'", quantity.ToString(CultureInfo.InvariantCulture)),
                    _ => ("spend", -10L * quantity, "NULL", $"'{feature}'", quantity.ToString(CultureInfo.InvariantCulture)),
                };
                sql.Append(CultureInfo.InvariantCulture, $"{(i == first ? "" : ",")}({account}, '{type}', {amount}, 0, {bucket}, {f}, {q}, 'bench', 'bench', 'bench-{i}', {Literal(at)})");
            }

            await ExecuteAsync(sql.ToString());
        }

        for (var first = 0; first < 20_000; first += chunk)
        {
            var sql = new StringBuilder("INSERT INTO payments (id, user_id, gateway, kind, item_key, tokens, bonus_tokens, amount, list_amount, discount, currency, " +
                "status, idempotency_key, refund_shortfall, created_at, updated_at, paid_at) VALUES ");
            for (var i = first; i < first + chunk; i++)
            {
                var at = Literal(end.AddTicks(-(long)((double)(20_000 - i) / 20_000 * span)));
                var (currency, amount) = i % 3 == 0 ? ("USD", 1_200) : ("INR", 9_900);
                var status = i % 50 == 0 ? "refunded" : "succeeded";
                sql.Append(CultureInfo.InvariantCulture, $"{(i == first ? "" : ",")}('bench_pay_{i}', '{userIds[i % userIds.Count]}', 'sandbox', 'pack', 'bench', 1000, 0, " +
                    $"{amount}, {amount + (i % 10 == 0 ? 1_000 : 0)}, {(i % 10 == 0 ? 1_000 : 0)}, '{currency}', '{status}', 'bench-pay-{i}', 0, {at}, {at}, {at})");
            }

            await ExecuteAsync(sql.ToString());
        }

        await transaction.CommitAsync();
        await ExecuteAsync(postgres ? "ANALYZE" : "ANALYZE", inTransaction: false);

        async Task ExecuteAsync(string text, bool inTransaction = true)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = inTransaction ? transaction : null;
            command.CommandText = text;
            command.CommandTimeout = 600;
            await command.ExecuteNonQueryAsync();
        }

        string Literal(DateTime at) => postgres ? $"'{at:yyyy-MM-dd HH:mm:ss.ffffff}+00'" : $"'{at:yyyy-MM-dd HH:mm:ss.fffffff}'";
    }
}
