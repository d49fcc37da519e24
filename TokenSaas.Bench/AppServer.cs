using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading.Channels;
using TokenSaas.Data;

namespace TokenSaas.Bench;

public sealed record AppReady(string BaseUrl, string DataDirectory, bool ServerGc);

public sealed record BenchAccount(string UserId, string Token);

public sealed record AppVerify(int AccountsChecked, int Mismatches, IReadOnlyList<string> First)
{
    public bool Clean => Mismatches == 0;
}

/// <summary>
/// <c>TokenSaas.Bench serve &lt;Sqlite|Postgres&gt;</c>: the app alone in this process (the same
/// <see cref="BenchHost"/> as in-process modes), so its memory is its own. The bench process drives it
/// over stdin (<c>fund N</c>, <c>verify</c>, <c>lost</c>, <c>stop</c>) and reads stdout lines starting
/// with <see cref="Prefix"/>. PostgreSQL's server comes from TOKENSAAS_BENCH_POSTGRES, not the command line.
/// </summary>
public static class AppServer
{
    public const string Prefix = "@bench ";

    public static async Task<int> RunAsync(string[] args)
    {
        var provider = Enum.Parse<DatabaseProvider>(args[1], ignoreCase: true);
        var postgres = provider == DatabaseProvider.Postgres
            ? Environment.GetEnvironmentVariable("TOKENSAAS_BENCH_POSTGRES") ?? throw new InvalidOperationException("TOKENSAAS_BENCH_POSTGRES is not set")
            : null;
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Stop(PosixSignalContext context)
        {
            // Ctrl-C reaches the whole process group: leave through the disposal below, which drops the database.
            context.Cancel = true;
            stopped.TrySetResult();
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        BenchHost host;
        try
        {
            host = await BenchHost.StartAsync(provider, postgres);
        }
        catch (Exception e)
        {
            // Answered rather than thrown: an unhandled exception aborts, and an aborted runtime leaves files in /tmp.
            Reply("error", e.ToString());
            return 1;
        }

        await using (host)
        {
            Reply("ready", new AppReady(host.BaseUrl, host.DataDirectory, GCSettings.IsServerGC));
            var commands = Channel.CreateUnbounded<string>();
            // Console.In blocks, and a closed stdin means the bench is gone however it ended (even killed),
            // so one thread only reads, and stops this process at once, even in the middle of a command.
            _ = Task.Run(() =>
            {
                while (Console.In.ReadLine() is { } line)
                {
                    commands.Writer.TryWrite(line);
                }

                stopped.TrySetResult();
            });
            await Task.WhenAny(ServeAsync(host, commands.Reader), stopped.Task);
        }

        BenchHost.RemoveTempRootIfEmpty();
        return 0;
    }

    private static async Task ServeAsync(BenchHost host, ChannelReader<string> commands)
    {
        await foreach (var line in commands.ReadAllAsync())
        {
            var parts = line.Split(' ', 2);
            try
            {
                switch (parts[0])
                {
                    case "fund":
                        var accounts = await host.CreateAccountsAsync(int.Parse(parts[1], CultureInfo.InvariantCulture));
                        Reply("accounts", accounts.Select(a => new BenchAccount(a.UserId, a.Token)).ToList());
                        break;
                    case "verify":
                        var report = await host.VerifyAsync();
                        Reply("verify", new AppVerify(report.AccountsChecked, report.Mismatches.Count,
                            report.Mismatches.Take(5).Select(m => m.ToString()).ToList()));
                        break;
                    case "lost":
                        Reply("lost", await NaiveSpend.LostUpdatesAsync(host));
                        break;
                    case "stop":
                        return;
                    default:
                        throw new InvalidOperationException($"unknown command '{line}'");
                }
            }
            catch (Exception e)
            {
                Reply("error", e.ToString());
            }
        }
    }

    private static void Reply<T>(string kind, T value) => Console.Out.WriteLine($"{Prefix}{kind} {JsonSerializer.Serialize(value)}");
}
