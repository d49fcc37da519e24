using System.Data.Common;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TokenSaas.Admin.Bulk;
using TokenSaas.Data;
using TokenSaas.Identity;
using TokenSaas.Ledger;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Admin.Bulk;

public sealed record BulkUser(string Id, string Email);

/// <summary>What an admin does with bulk allocation, as steps a test can call.</summary>
public static class BulkSteps
{
    /// <summary>Users inserted straight into the database: no password to hash, no token account yet.</summary>
    public static async Task<IReadOnlyList<BulkUser>> CreateUsersAsync(this TestApp app, int count, string prefix = "bulk")
    {
        var users = Enumerable.Range(0, count).Select(_ =>
        {
            var email = $"{prefix}-{Guid.NewGuid():N}@example.com";
            return new AppUser
            {
                UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                SecurityStamp = Guid.NewGuid().ToString("N"), CreatedAt = DateTime.UtcNow,
            };
        }).ToList();
        await app.WithDbAsync(async db =>
        {
            db.Users.AddRange(users);
            return await db.SaveChangesAsync();
        });
        return users.Select(u => new BulkUser(u.Id, u.Email!)).ToList();
    }

    public static string Csv(string header, IEnumerable<string> lines) => header + "\n" + string.Join("\n", lines) + "\n";

    public static Task<HttpResponseMessage> PostCsvAsync(this HttpClient client, string csv, bool dryRun = true, string? reason = "test batch",
        string? extra = null) =>
        client.PostAsync($"/api/admin/tokens/bulk?dry_run={(dryRun ? "true" : "false")}"
                         + (reason is null ? string.Empty : $"&reason={Uri.EscapeDataString(reason)}") + extra,
            new StringContent(csv, Encoding.UTF8, "text/csv"));

    /// <summary>Checks and starts a file through the API, and waits until the worker has finished it.</summary>
    public static async Task<long> RunAsync(this TestApp app, string csv, string reason = "test batch")
    {
        var response = await app.AdminApi().PostCsvAsync(csv, dryRun: false, reason: reason);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        using var json = await response.ReadJsonAsync();
        var id = json.RootElement.GetProperty("batch_id").GetInt64();
        await app.WaitForAsync(id, BulkStatus.Done);
        return id;
    }

    /// <param name="wake">Woken at every look, for a batch the worker only finds at its next round (a lapsed lease).</param>
    public static async Task<BulkBatch> WaitForAsync(this TestApp app, long batchId, BulkStatus status, TimeSpan? timeout = null, BulkSignal? wake = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            var batch = await app.BatchAsync(batchId);
            if (batch.Status == status)
            {
                return batch;
            }

            Assert.True(DateTime.UtcNow < until, $"Batch {batchId} is {batch.Status} ({batch.Done}/{batch.Valid}), not {status}");
            wake?.Wake();
            await Task.Delay(50);
        }
    }

    public static Task<BulkBatch> BatchAsync(this TestApp app, long batchId) =>
        app.WithDbAsync(db => db.BulkBatches.AsNoTracking().SingleAsync(b => b.Id == batchId));

    public static Task<List<BulkRow>> RowsAsync(this TestApp app, long batchId) =>
        app.WithDbAsync(db => db.BulkRows.AsNoTracking().Where(r => r.BatchId == batchId).OrderBy(r => r.Row).ToListAsync());

    public static Task<int> BatchCountAsync(this TestApp app) => app.WithDbAsync(db => db.BulkBatches.CountAsync());

    public static async Task<long> BalanceAsync(this TestApp app, string userId) =>
        (await app.WithScopeAsync(s => s.GetRequiredService<LedgerService>().GetBalanceAsync(userId))).Total;

    /// <summary>The ledger entries a batch's rows wrote (grants, and clawbacks with <c>:reverse</c>).</summary>
    public static Task<List<LedgerEntry>> BatchEntriesAsync(this TestApp app, long batchId) =>
        app.WithDbAsync(db => db.LedgerEntries.AsNoTracking()
            .Where(e => e.IdempotencyKey.StartsWith($"bulk:{batchId}:")).ToListAsync());

    public static Task<List<TokenSaas.Audit.AuditEntry>> AuditRowsAsync(this TestApp app, long batchId) =>
        app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.TargetType == TokenSaas.Audit.AuditTargets.BulkBatch && e.TargetId == batchId.ToString()).OrderBy(e => e.Id).ToListAsync());

    public static async Task<JsonElement> StatusAsync(this HttpClient admin, long batchId)
    {
        using var json = await admin.GetJsonAsync($"/api/admin/tokens/bulk/{batchId}");
        return json.RootElement.Clone();
    }

    public static Task<HttpResponseMessage> ReverseAsync(this HttpClient admin, long batchId, string? reason = "test reversal") =>
        admin.PostAsJsonAsync($"/api/admin/tokens/bulk/{batchId}/reverse", new { reason });

    /// <summary>A batch's row as the database holds it, read without an app (one may be stopped).</summary>
    public static async Task<(string Status, int Done, int Valid)> ReadBatchAsync(TestDatabase database, long batchId)
    {
        await using DbConnection connection = database.Provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(database.ConnectionString)
            : new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT status, done, valid FROM bulk_batches WHERE id = {batchId}";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetString(0), Convert.ToInt32(reader.GetValue(1)), Convert.ToInt32(reader.GetValue(2)));
    }
}

/// <summary>A database another test owns and disposes: an app on it leaves it in place when it stops.</summary>
public sealed class BorrowedDatabase(TestDatabase owner) : TestDatabase
{
    public override DatabaseProvider Provider => owner.Provider;

    public override string ConnectionString => owner.ConnectionString;

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>An app instance on a shared database, with bulk settings of the test's choosing.</summary>
public sealed class BulkInstance(TestDatabase database, IReadOnlyDictionary<string, string> settings) : TestApp(new BorrowedDatabase(database))
{
    protected override IReadOnlyDictionary<string, string> Settings => settings;
}
