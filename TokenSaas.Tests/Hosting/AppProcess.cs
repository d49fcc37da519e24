using System.Diagnostics;

namespace TokenSaas.Tests.Hosting;

/// <summary>The built app (`dotnet TokenSaas.dll`) as a self-hoster starts it: its own process, settings from the environment.</summary>
public static class AppProcess
{
    public const string Secret = "process-secret-that-is-long-enough-for-hs256-0123456789";

    public sealed record Outcome(int ExitCode, string Stdout, string Stderr);

    public static Process Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "TokenSaas.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Database__DataDirectory"] = NewDataDirectory();
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Scheduling__Enabled"] = "false";
        start.Environment["Jwt__Secret"] = Secret;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return Process.Start(start)!;
    }

    /// <summary>Runs to the end (a command, or a start that fails); a minute at most.</summary>
    public static async Task<Outcome> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var process = Start(environment, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`TokenSaas.dll {string.Join(' ', args)}` was still running after a minute: {await stdout}");
        }

        return new Outcome(process.ExitCode, await stdout, await stderr);
    }

    public static string NewDataDirectory() =>
        Path.Combine(Path.GetTempPath(), "tokensaas-tests", "process-" + Guid.NewGuid().ToString("N"));
}
