using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Data;
using TokenSaas.Identity;

namespace TokenSaas.Bench;

/// <summary>
/// Bulk allocation at its limit (./bench.sh --bulk): 50,000 users who have never signed in (so each
/// row also opens an account and credits its welcome bonus), one 50,000-row CSV checked and run
/// through the API, and the site probed while it runs: GET /healthz and a spend over HTTP, one
/// after the other, ten times a second.
/// </summary>
public static class BulkBench
{
    public const int Rows = 50_000;

    public static async Task RunAsync(BenchHost host)
    {
        var name = host.Provider.ToString().ToLowerInvariant();
        var clock = Stopwatch.StartNew();
        var emails = await CreateUsersAsync(host, Rows);
        Console.WriteLine($"[{name}] {Rows:N0} users inserted in {clock.Elapsed.TotalSeconds:0.0} s");
        var probe = (await host.CreateAccountsAsync(1))[0];

        using var admin = new HttpClient { BaseAddress = new Uri(host.BaseUrl), Timeout = TimeSpan.FromMinutes(5) };
        admin.DefaultRequestHeaders.Add("X-Api-Key", BenchHost.AdminApiKey);
        var csv = "email,amount\n" + string.Concat(emails.Select((e, i) => $"{e},{i % 100 + 1}\n"));
        await BatchAsync(host, admin, csv, probe.Token, $"[{name}] users without an account yet (each row opens one)");
        await BatchAsync(host, admin, csv, probe.Token, $"[{name}] the same users again (accounts open)");
        var verify = await host.VerifyAsync();
        Console.WriteLine($"[{name}] verify: {(verify.Clean ? "clean" : $"{verify.Mismatches.Count} MISMATCHES")} " +
                          $"over {verify.AccountsChecked:N0} accounts; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024:N0} MB");
    }

    /// <summary>Checks, runs and reverses one file, probing the site while it runs.</summary>
    private static async Task BatchAsync(BenchHost host, HttpClient admin, string csv, string probeToken, string label)
    {
        using var stopCheckProbe = new CancellationTokenSource();
        var checkProbing = ProbeAsync(host.BaseUrl, probeToken, stopCheckProbe.Token);
        var clock = Stopwatch.StartNew();
        var checkResponse = await admin.PostAsync("/api/admin/tokens/bulk?dry_run=true&reason=bench",
            new StringContent(csv, Encoding.UTF8, "text/csv"));
        using var check = JsonDocument.Parse(await checkResponse.Content.ReadAsStringAsync());
        var checkSeconds = clock.Elapsed.TotalSeconds;
        await stopCheckProbe.CancelAsync();
        var (checkHealth, checkSpend, checkErrors) = await checkProbing;
        var id = check.RootElement.GetProperty("batch_id").GetInt64();

        using var stop = new CancellationTokenSource();
        var probing = ProbeAsync(host.BaseUrl, probeToken, stop.Token);
        clock.Restart();
        (await admin.PostAsync($"/api/admin/tokens/bulk/{id}/start", null)).EnsureSuccessStatusCode();
        var run = await WaitAsync(admin, id, "done");
        var runSeconds = clock.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        var (health, spend, errors) = await probing;

        clock.Restart();
        (await admin.PostAsJsonAsync($"/api/admin/tokens/bulk/{id}/reverse", new { reason = "bench" })).EnsureSuccessStatusCode();
        var reversed = await WaitAsync(admin, id, "reversed");
        var reverseSeconds = clock.Elapsed.TotalSeconds;

        Console.WriteLine(label);
        Console.WriteLine($"  dry run: {(int)checkResponse.StatusCode}, {check.RootElement.GetProperty("valid").GetInt32():N0} valid, " +
                          $"{check.RootElement.GetProperty("total_tokens").GetInt64():N0} tokens, {checkSeconds:0.0} s (parse, look up, store)");
        Console.WriteLine($"  while it checked: GET /healthz {Describe(checkHealth)}; POST /api/v1/spend {Describe(checkSpend)}; errors {checkErrors}");
        Console.WriteLine($"  run: {run.GetProperty("done").GetInt32():N0} rows done, {run.GetProperty("failed").GetInt32()} failed, " +
                          $"{runSeconds:0.0} s ({Rows / runSeconds:N0} rows/s)");
        Console.WriteLine($"  while it ran: GET /healthz {Describe(health)}; POST /api/v1/spend {Describe(spend)}; errors {errors}");
        Console.WriteLine($"  reversal: {reversed.GetProperty("reversed").GetInt32():N0} grants taken back in {reverseSeconds:0.0} s");
    }

    private static async Task<IReadOnlyList<string>> CreateUsersAsync(BenchHost host, int count)
    {
        var emails = new List<string>(count);
        foreach (var chunk in Enumerable.Range(0, count).Chunk(5_000))
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var users = chunk.Select(i =>
            {
                var email = $"bulk-{i}-{Guid.NewGuid():N}@example.com";
                emails.Add(email);
                // No password: hashing one (PBKDF2) per user would take minutes and is not what is measured.
                return new AppUser
                {
                    UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                    SecurityStamp = Guid.NewGuid().ToString("N"), CreatedAt = DateTime.UtcNow,
                };
            });
            db.Users.AddRange(users);
            await db.SaveChangesAsync();
        }

        return emails;
    }

    private static async Task<JsonElement> WaitAsync(HttpClient admin, long id, string status)
    {
        while (true)
        {
            using var json = JsonDocument.Parse(await admin.GetStringAsync($"/api/admin/tokens/bulk/{id}"));
            if (json.RootElement.GetProperty("status").GetString() == status)
            {
                return json.RootElement.Clone();
            }

            await Task.Delay(100);
        }
    }

    /// <summary>A visitor's requests while the batch runs, one at a time, every 100 ms: their latencies in ms.</summary>
    private static async Task<(List<double> Health, List<double> Spend, int Errors)> ProbeAsync(string baseUrl, string token,
        CancellationToken stop)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var (health, spend, errors) = (new List<double>(), new List<double>(), 0);
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = i % 2 == 0
                ? await http.GetAsync("/healthz", CancellationToken.None)
                : await http.PostAsync("/api/v1/spend", new StringContent(
                    $$"""{"feature":"create_website","idempotency_key":"bulk-probe-{{i}}"}""", Encoding.UTF8, "application/json"),
                    CancellationToken.None);
            (i % 2 == 0 ? health : spend).Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            errors += response.IsSuccessStatusCode ? 0 : 1;
            try
            {
                await Task.Delay(100, stop);
            }
            catch (OperationCanceledException)
            {
            }
        }

        return (health, spend, errors);
    }

    private static string Describe(List<double> latencies)
    {
        var sorted = latencies.Order().ToArray();
        double At(double p) => sorted.Length == 0 ? 0 : sorted[(int)Math.Min(sorted.Length - 1, p * sorted.Length)];
        return $"n={sorted.Length}, p50 {At(0.5):0.0} ms, p95 {At(0.95):0.0} ms, p99 {At(0.99):0.0} ms, max {(sorted.Length == 0 ? 0 : sorted[^1]):0.0} ms";
    }
}
