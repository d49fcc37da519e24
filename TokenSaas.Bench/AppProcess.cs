using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading.Channels;
using TokenSaas.Data;

namespace TokenSaas.Bench;

/// <summary>The app's memory, read from /proc: the kernel's high-water mark and the highest of the samples.</summary>
public sealed record AppMemory(double PeakMb, double HighestSampleMb, int Samples);

/// <summary>
/// The app in a child process (<see cref="AppServer"/>) run by this one, the load generator. The child
/// is stopped on dispose, on Ctrl-C or SIGTERM here, and by itself when this process dies (its stdin closes);
/// whatever a killed child leaves in /tmp is removed here. TOKENSAAS_BENCH_APP_GC_SERVER=0|1 overrides
/// the app's own GC choice (TokenSaas.runtimeconfig.json) to compare the two.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<AppProcess, bool> Running = new();
    private static readonly PosixSignalRegistration[] Signals =
        [PosixSignalRegistration.Create(PosixSignal.SIGINT, StopAll), PosixSignalRegistration.Create(PosixSignal.SIGTERM, StopAll)];

    private readonly Process process;
    private readonly Channel<(string Kind, string Json)> replies = Channel.CreateUnbounded<(string, string)>();
    private readonly CancellationTokenSource stopSampling = new();
    private readonly Lock cleanup = new();
    private Task sampling = Task.CompletedTask;
    private double highestSampleMb;
    private int samples;
    private bool cleaned;

    private AppProcess(Process process)
    {
        this.process = process;
        _ = Task.Run(ReadOutputAsync);
    }

    public int Pid => process.Id;

    public string BaseUrl { get; private set; } = string.Empty;

    public string DataDirectory { get; private set; } = string.Empty;

    public bool ServerGc { get; private set; }

    public static async Task<AppProcess> StartAsync(DatabaseProvider provider)
    {
        _ = Signals;
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        start.ArgumentList.Add("serve");
        start.ArgumentList.Add(provider.ToString());
        // The bench runs workstation GC; the app is measured with the GC it ships with unless told otherwise.
        start.Environment["DOTNET_gcServer"] = Environment.GetEnvironmentVariable("TOKENSAAS_BENCH_APP_GC_SERVER") ?? (AppUsesServerGc() ? "1" : "0");
        var app = new AppProcess(Process.Start(start)!);
        Running[app] = true;
        try
        {
            var ready = await app.NextReplyAsync<AppReady>("ready");
            (app.BaseUrl, app.DataDirectory, app.ServerGc) = (ready.BaseUrl, ready.DataDirectory, ready.ServerGc);
            app.sampling = Task.Run(() => app.SampleAsync(app.stopSampling.Token));
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async Task<IReadOnlyList<BenchAccount>> FundAsync(int count) =>
        await AskAsync<List<BenchAccount>>($"fund {count}", "accounts");

    public Task<AppVerify> VerifyAsync() => AskAsync<AppVerify>("verify", "verify");

    public Task<long> NaiveLostUpdatesAsync() => AskAsync<long>("lost", "lost");

    public AppMemory Memory()
    {
        var peak = Math.Max(ReadStatusMb("VmHWM") ?? 0, highestSampleMb);
        return new AppMemory(peak, highestSampleMb, samples);
    }

    public async ValueTask DisposeAsync()
    {
        await stopSampling.CancelAsync();
        await sampling;
        Stop(TimeSpan.FromSeconds(60));
        Running.TryRemove(this, out _);
        process.Dispose();
        stopSampling.Dispose();
    }

    private static void StopAll(PosixSignalContext context)
    {
        Console.Error.WriteLine($"{context.Signal}: stopping {Running.Count} app process(es)");
        foreach (var app in Running.Keys)
        {
            app.Stop(TimeSpan.FromSeconds(10));
        }

        BenchHost.RemoveTempRootIfEmpty();
        // Exiting here, rather than by the signal's default action, lets the runtime remove its own /tmp files.
        context.Cancel = true;
        Environment.Exit(128 + (context.Signal == PosixSignal.SIGINT ? 2 : 15));
    }

    private static bool AppUsesServerGc()
    {
        var config = Path.Combine(AppContext.BaseDirectory, "TokenSaas.runtimeconfig.json");
        using var json = JsonDocument.Parse(File.ReadAllText(config));
        return json.RootElement.GetProperty("runtimeOptions").TryGetProperty("configProperties", out var properties) &&
               properties.TryGetProperty("System.GC.Server", out var server) && server.GetBoolean();
    }

    /// <summary>Asks the child to stop (it drops its database), kills it if it does not, and removes what it left.</summary>
    private void Stop(TimeSpan grace)
    {
        lock (cleanup)
        {
            if (cleaned)
            {
                return;
            }

            cleaned = true;
            try
            {
                process.StandardInput.WriteLine("stop");
                process.StandardInput.Close();
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException)
            {
                // Already gone.
            }

            if (!process.WaitForExit(grace))
            {
                Console.Error.WriteLine($"app process {process.Id} did not stop within {grace.TotalSeconds:0} s: killing it");
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }

            if (DataDirectory.Length > 0 && Directory.Exists(DataDirectory))
            {
                Directory.Delete(DataDirectory, recursive: true);
            }

            // A killed .NET process leaves its diagnostics IPC socket and debugger pipes behind.
            foreach (var pattern in new[] { $"dotnet-diagnostic-{process.Id}-*", $"clr-debug-pipe-{process.Id}-*" })
            {
                foreach (var file in Directory.EnumerateFiles(Path.GetTempPath(), pattern))
                {
                    File.Delete(file);
                }
            }
        }
    }

    private async Task<T> AskAsync<T>(string command, string kind)
    {
        await process.StandardInput.WriteLineAsync(command);
        await process.StandardInput.FlushAsync();
        return await NextReplyAsync<T>(kind);
    }

    private async Task<T> NextReplyAsync<T>(string kind)
    {
        var (got, json) = await replies.Reader.ReadAsync();
        return got == kind
            ? JsonSerializer.Deserialize<T>(json)!
            : throw new InvalidOperationException($"app process {process.Id} answered {got} when asked for {kind}: " +
                                                  (got == "error" ? JsonSerializer.Deserialize<string>(json) : json));
    }

    private async Task ReadOutputAsync()
    {
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(AppServer.Prefix, StringComparison.Ordinal))
            {
                var reply = line[AppServer.Prefix.Length..].Split(' ', 2);
                replies.Writer.TryWrite((reply[0], reply.Length > 1 ? reply[1] : "null"));
            }
            else
            {
                Console.Error.WriteLine($"  [app] {line}");
            }
        }

        await process.WaitForExitAsync();
        replies.Writer.TryComplete(new InvalidOperationException($"the app process exited with code {process.ExitCode}"));
    }

    private async Task SampleAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                if (ReadStatusMb("VmRSS") is { } rss)
                {
                    highestSampleMb = Math.Max(highestSampleMb, rss);
                    samples++;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Sampling ends with the bench.
        }
    }

    private double? ReadStatusMb(string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{process.Id}/status").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
