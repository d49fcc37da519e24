using Microsoft.EntityFrameworkCore;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Data;

/// <summary>The SQLite the app runs on: a modern engine from SQLitePCLRaw 3, in WAL mode, with working transactions.</summary>
public sealed class SqliteTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task The_app_runs_a_modern_SQLite_from_SQLitePCLRaw_3()
    {
        var version = await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>("SELECT sqlite_version()").ToListAsync());

        Assert.Equal(3, typeof(SQLitePCL.raw).Assembly.GetName().Version!.Major);
        Assert.True(Version.Parse(Assert.Single(version)) >= new Version(3, 45), $"SQLite {version[0]} is older than 3.45");
    }

    [Fact]
    public async Task The_database_file_runs_in_write_ahead_log_mode()
    {
        var mode = await app.WithDbAsync(db =>
            db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync());

        Assert.Equal("wal", Assert.Single(mode));
    }

    [Fact]
    public async Task A_rolled_back_transaction_leaves_nothing_behind()
    {
        var before = await app.WithDbAsync(db => db.Users.CountAsync());

        await app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Users.Add(new TokenSaas.Identity.AppUser { UserName = "rollback@example.com", Email = "rollback@example.com" });
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
            return 0;
        });

        Assert.Equal(before, await app.WithDbAsync(db => db.Users.CountAsync()));
    }
}
