using Microsoft.EntityFrameworkCore;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Data;

/// <summary>What Infrastructure/SqliteBridge.cs promises. When SQLitePCLRaw 2.1.x is served, the first test fails: drop the bridge.</summary>
public sealed class SqliteBridgeTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public void The_bridge_serves_the_registry_s_SQLitePCLRaw_2_0_6()
    {
        var core = typeof(SQLitePCL.raw).Assembly.GetName();

        Assert.Equal(new Version(2, 0, 6), new Version(core.Version!.Major, core.Version.Minor, core.Version.Build));
        Assert.StartsWith("3.", SQLitePCL.raw.sqlite3_libversion().utf8_to_string());
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
