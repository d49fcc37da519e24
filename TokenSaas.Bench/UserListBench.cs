using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using TokenSaas.Data;

namespace TokenSaas.Bench;

/// <summary>
/// SPEC 8's "the admin user list stays under 50 ms p95 with 100,000 users": seeds that many users
/// and accounts straight into the database, then times the list endpoint (the same query as the
/// /admin/users page) for the searches and sorts an admin uses, over loopback HTTP.
/// </summary>
public static class UserListBench
{
    private static readonly string[] Plans = ["basic", "standard", "premium"];

    public static async Task<List<string>> RunAsync(BenchHost host, int users, int requests)
    {
        var watch = Stopwatch.StartNew();
        await SeedAsync(host, users);
        Console.WriteLine($"  seeded {users:N0} users and accounts in {watch.Elapsed.TotalSeconds:0.0} s");
        using var client = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        client.DefaultRequestHeaders.Add("X-Api-Key", BenchHost.AdminApiKey);
        (string Label, string Query)[] queries =
        [
            ("newest first, page 1", ""),
            ("newest first, page 2,000", "page=2000"),
            ("search part of an email", "q=user-0042"),
            ("plan = premium", "plan=premium"),
            ("balance below 100", "balance_below=100"),
            ("most spent first", "sort=spent"),
            ("unlimited only", "unlimited=true"),
            ("inactive since a date, recently active first", "inactive_since=2026-06-01&sort=active"),
        ];
        var rows = new List<string>();
        var db = host.Provider.ToString().ToLowerInvariant();
        foreach (var (label, query) in queries)
        {
            var url = "/api/admin/tokens/users" + (query.Length > 0 ? "?" + query : string.Empty);
            for (var i = 0; i < 5; i++)
            {
                (await client.GetAsync(url)).EnsureSuccessStatusCode();
            }

            var times = new List<double>();
            for (var i = 0; i < requests; i++)
            {
                var started = Stopwatch.GetTimestamp();
                (await client.GetAsync(url)).EnsureSuccessStatusCode();
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            times.Sort();
            var (p50, p95) = (times[times.Count / 2], times[(int)Math.Ceiling(times.Count * 0.95) - 1]);
            Console.WriteLine($"  users list [{db}] {label}: p50 {p50:0.0} ms, p95 {p95:0.0} ms");
            rows.Add($"| admin user list, {users:N0} users: {label} | {db} | {p50:0.0} | {p95:0.0} | {(p95 <= 50 ? "within" : "OVER")} 50 ms p95 |");
        }

        return rows;
    }

    private static async Task SeedAsync(BenchHost host, int count)
    {
        await using DbConnection connection = host.Provider == DatabaseProvider.Postgres
            ? new NpgsqlConnection(host.ConnectionString)
            : new SqliteConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        const int chunk = 1_000;
        for (var first = 0; first < count; first += chunk)
        {
            var users = new StringBuilder("INSERT INTO \"AspNetUsers\" (\"Id\", \"UserName\", \"NormalizedUserName\", \"Email\", \"NormalizedEmail\", " +
                "\"EmailConfirmed\", \"PhoneNumberConfirmed\", \"TwoFactorEnabled\", \"LockoutEnabled\", \"AccessFailedCount\", \"CreatedAt\") VALUES ");
            var accounts = new StringBuilder("INSERT INTO token_accounts (user_id, balance, unlimited, created_at, plan_key, lifetime_purchased, " +
                "lifetime_spent, last_active_at) VALUES ");
            for (var i = first; i < Math.Min(count, first + chunk); i++)
            {
                var id = $"bench-user-{i:D7}";
                var email = $"user-{i:D7}@bench.example.com";
                var created = Literal(start.AddMinutes(i * 3));
                var active = i % 7 == 0 ? "NULL" : Literal(start.AddMinutes(i * 3 + i % 5000));
                var separator = i == first ? string.Empty : ",";
                users.Append(CultureInfo.InvariantCulture,
                    $"{separator}('{id}', '{email}', '{email.ToUpperInvariant()}', '{email}', '{email.ToUpperInvariant()}', {Bool(true)}, {Bool(false)}, {Bool(false)}, {Bool(true)}, 0, {created})");
                accounts.Append(CultureInfo.InvariantCulture,
                    $"{separator}('{id}', {i * 37 % 5000}, {Bool(i % 500 == 0)}, {created}, '{Plans[i % 3]}', {i % 11 * 100}, {i * 13 % 20000}, {active})");
            }

            await Execute(users.ToString());
            await Execute(accounts.ToString());
        }

        // The list's sort keys, as the ledger writer copies them for accounts it opens and changes.
        await Execute("INSERT INTO account_list_keys (account_id, balance, lifetime_spent, last_active_at) " +
                      "SELECT id, balance, lifetime_spent, last_active_at FROM token_accounts WHERE user_id LIKE 'bench-user-%'");
        await transaction.CommitAsync();
        if (host.Provider == DatabaseProvider.Postgres)
        {
            // Fresh statistics, as autovacuum would gather soon after a load this size.
            await using var analyze = connection.CreateCommand();
            analyze.CommandText = "ANALYZE";
            await analyze.ExecuteNonQueryAsync();
        }

        async Task Execute(string sql)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }

        string Bool(bool value) => host.Provider == DatabaseProvider.Postgres ? (value ? "TRUE" : "FALSE") : (value ? "1" : "0");

        string Literal(DateTime at) => host.Provider == DatabaseProvider.Postgres
            ? $"'{at:yyyy-MM-dd HH:mm:ss}+00'"
            : $"'{at:yyyy-MM-dd HH:mm:ss}'";
    }
}
