using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace TokenSaas.Bench;

public sealed record RunResult(double PerSecond, double P50Ms, double P99Ms, long Ok, long Refused, long Errors);

/// <summary>64 (or N) concurrent HTTP clients posting spends as fast as answers come back.</summary>
public static class Load
{
    public static async Task<RunResult> RunAsync(string baseUrl, string path, IReadOnlyList<string> tokens, int clients,
        TimeSpan duration, string runId)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = clients,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
        };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        var headers = tokens.Select(t => new AuthenticationHeaderValue("Bearer", t)).ToArray();
        var start = Stopwatch.GetTimestamp();
        var stopAt = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var latencies = new List<int>(4096);
            long ok = 0, refused = 0, errors = 0;
            var random = new Random(client);
            for (var i = 0; Stopwatch.GetTimestamp() < stopAt; i++)
            {
                var body = $$"""{"feature":"create_website","idempotency_key":"{{runId}}-{{client}}-{{i}}"}""";
                using var request = new HttpRequestMessage(HttpMethod.Post, path)
                {
                    Content = new StringContent(body, Encoding.UTF8, "application/json"),
                };
                request.Headers.Authorization = headers[random.Next(headers.Length)];
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(request);
                    await response.Content.ReadAsByteArrayAsync();
                    switch ((int)response.StatusCode)
                    {
                        case 200: ok++; break;
                        case 402: refused++; break;
                        default: errors++; break;
                    }
                }
                catch (HttpRequestException)
                {
                    errors++;
                }

                latencies.Add((int)((Stopwatch.GetTimestamp() - t0) * 1_000_000 / Stopwatch.Frequency));
            }

            return (latencies, ok, refused, errors);
        })).ToArray();
        var results = await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var all = results.SelectMany(r => r.latencies).Order().ToArray();
        double Percentile(double p) => all.Length == 0 ? 0 : all[(int)Math.Min(all.Length - 1, p * all.Length)] / 1000.0;
        var done = results.Sum(r => r.ok);
        return new RunResult(done / elapsed, Percentile(0.50), Percentile(0.99), done, results.Sum(r => r.refused),
            results.Sum(r => r.errors));
    }
}
