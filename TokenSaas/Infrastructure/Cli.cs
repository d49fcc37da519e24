using System.Text.Json;
using TokenSaas.Data;
using TokenSaas.Ledger;

namespace TokenSaas.Infrastructure;

/// <summary>Commands run instead of the web server: `dotnet run --project TokenSaas -- verify`.</summary>
public static class Cli
{
    /// <summary>The exit code when <paramref name="args"/> names a command, otherwise null (serve the site).</summary>
    public static async Task<int?> TryRunAsync(WebApplication app, string[] args)
    {
        if (args.FirstOrDefault() != "verify")
        {
            return null;
        }

        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        var report = await scope.ServiceProvider.GetRequiredService<LedgerVerifier>().VerifyAsync();
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            accounts_checked = report.AccountsChecked,
            mismatches = report.Mismatches,
        }, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));
        Console.WriteLine(report.Clean
            ? $"Ledger verified: {report.AccountsChecked} account(s), no differences."
            : $"Ledger verification FAILED: {report.Mismatches.Count} of {report.AccountsChecked} account(s) do not add up.");
        return report.Clean ? 0 : 1;
    }
}
