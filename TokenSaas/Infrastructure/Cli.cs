using System.Text.Json;
using TokenSaas.Audit;
using TokenSaas.Data;
using TokenSaas.Ledger;

namespace TokenSaas.Infrastructure;

/// <summary>Commands run instead of the web server: `dotnet run --project TokenSaas -- verify` (or `backup &lt;file&gt;`).</summary>
public static class Cli
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The exit code when <paramref name="args"/> names a command, otherwise null (serve the site).</summary>
    public static async Task<int?> TryRunAsync(WebApplication app, string[] args) => args.FirstOrDefault() switch
    {
        "verify" => await VerifyAsync(app),
        "backup" => await BackupAsync(app, args.Skip(1).ToArray()),
        _ => null,
    };

    private static async Task<int> BackupAsync(WebApplication app, string[] args)
    {
        if (args.Length != 1 || string.IsNullOrWhiteSpace(args[0]))
        {
            await Console.Error.WriteLineAsync("Usage: backup <file>   (writes a copy of the SQLite database to a new file)");
            return 2;
        }

        var target = Path.GetFullPath(args[0]);
        await using var scope = app.Services.CreateAsyncScope();
        if (await scope.ServiceProvider.GetRequiredService<DatabaseBackup>().WriteAsync(target) is { } problem)
        {
            await Console.Error.WriteLineAsync($"Backup not written: {problem}");
            return 1;
        }

        Console.WriteLine($"Backed up the database to {target} ({new FileInfo(target).Length:N0} bytes).");
        return 0;
    }

    private static async Task<int> VerifyAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        var report = await scope.ServiceProvider.GetRequiredService<LedgerVerifier>().VerifyAsync();
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            accounts_checked = report.AccountsChecked,
            mismatches = report.Mismatches,
        }, Json));
        Console.WriteLine(report.Clean
            ? $"Ledger verified: {report.AccountsChecked} account(s), no differences."
            : $"Ledger verification FAILED: {report.Mismatches.Count} of {report.AccountsChecked} account(s) do not add up.");

        var audit = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync();
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            rows_checked = audit.RowsChecked,
            first_broken = audit.FirstBroken?.Id,
            problem = audit.FirstBroken?.Problem,
        }, Json));
        Console.WriteLine(audit.FirstBroken is { } broken
            ? $"Audit log verification FAILED: chain broken at row {broken.Id}: {broken.Problem}."
            : $"Audit log verified: {audit.RowsChecked} row(s), chain intact.");
        return report.Clean && audit.Intact ? 0 : 1;
    }
}
