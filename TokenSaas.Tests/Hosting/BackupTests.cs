using Microsoft.Data.Sqlite;
using TokenSaas.Data;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Hosting;

/// <summary>`backup &lt;file&gt;` while the site takes spends; the copy restores into a fresh data folder and verifies clean.</summary>
public sealed class BackupTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task A_backup_taken_under_load_restores_and_verifies_clean()
    {
        var users = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.NewApiUserAsync()));
        foreach (var user in users)
        {
            await user.GrantAsync(10_000);
            await user.SpendAsync("cover_letter", $"before-{user.UserId}");
        }

        var file = Path.Combine(AppProcess.NewDataDirectory(), "backup.db");
        using var stop = new CancellationTokenSource();
        var load = users.Select(user => SpendUntilAsync(user, stop.Token)).ToArray();
        var backup = await AppProcess.RunAsync(Settings, "backup", file);
        await stop.CancelAsync();
        var spent = (await Task.WhenAll(load)).Sum();

        Assert.True(backup.ExitCode == 0, backup.Stdout + backup.Stderr);
        Assert.Contains($"Backed up the database to {file}", backup.Stdout);
        var restored = AppProcess.NewDataDirectory();
        Directory.CreateDirectory(restored);
        File.Copy(file, Path.Combine(restored, "tokensaas.db"));
        var verify = await AppProcess.RunAsync(new Dictionary<string, string> { ["Database__DataDirectory"] = restored }, "verify");
        Assert.True(verify.ExitCode == 0, verify.Stdout + verify.Stderr);
        Assert.Contains("no differences", verify.Stdout);
        var copied = await SpendsInAsync(file, users.Select(u => u.UserId));
        Assert.InRange(copied, users.Length, users.Length + spent);
    }

    [Fact]
    public async Task A_backup_never_overwrites_a_file()
    {
        var file = Path.Combine(AppProcess.NewDataDirectory(), "taken.db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, "keep me");

        var backup = await AppProcess.RunAsync(Settings, "backup", file);

        Assert.Equal(1, backup.ExitCode);
        Assert.Equal($"Backup not written: {file} already exists; a backup never overwrites a file. Choose a new name.", backup.Stderr.TrimEnd());
        Assert.Equal("keep me", await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task On_postgresql_the_backup_command_explains_pg_dump()
    {
        var file = Path.Combine(AppProcess.NewDataDirectory(), "pg.db");

        var backup = await AppProcess.RunAsync(new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres", ["ConnectionStrings__Default"] = "Host=127.0.0.1;Database=tokensaas",
        }, "backup", file);

        Assert.NotEqual(0, backup.ExitCode);
        Assert.Equal($"Backup not written: {DatabaseBackup.PostgresAdvice}", backup.Stderr.TrimEnd());
        Assert.False(File.Exists(file));
    }

    private Dictionary<string, string> Settings => new()
    {
        ["Database__Provider"] = "Sqlite", ["ConnectionStrings__Default"] = app.Database.ConnectionString,
    };

    private static async Task<int> SpendUntilAsync(ApiUser user, CancellationToken stop)
    {
        var spent = 0;
        while (!stop.IsCancellationRequested)
        {
            var response = await user.SpendAsync("cover_letter", Guid.NewGuid().ToString("N"));
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            spent++;
        }

        return spent;
    }

    private static async Task<long> SpendsInAsync(string file, IEnumerable<string> userIds)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        var ids = userIds.ToList();
        command.CommandText = $"SELECT COUNT(*) FROM ledger_entries e JOIN token_accounts a ON a.id = e.account_id WHERE e.amount < 0 AND a.user_id IN ({string.Join(", ", ids.Select((_, i) => "$u" + i))})";
        for (var i = 0; i < ids.Count; i++)
        {
            command.Parameters.AddWithValue("$u" + i, ids[i]);
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }
}
