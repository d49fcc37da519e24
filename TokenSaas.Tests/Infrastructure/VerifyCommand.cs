using System.Diagnostics;

namespace TokenSaas.Tests.Infrastructure;

/// <summary>The real `verify` command, as `dotnet run --project TokenSaas -- verify` runs it, against a test app's database.</summary>
public static class VerifyCommand
{
    public static async Task<(int ExitCode, string Output)> RunAsync(TestApp app)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "TokenSaas.dll"), "verify"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Database__Provider"] = app.Provider.ToString();
        start.Environment["ConnectionStrings__Default"] = app.Database.ConnectionString;
        start.Environment["Database__DataDirectory"] = Path.Combine(Path.GetTempPath(), "tokensaas-tests", "cli-" + Guid.NewGuid().ToString("N"));
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }
}
