using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Data;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Data;

public abstract class MigrationTests(TestApp app)
{
    [Fact]
    public async Task Starting_on_an_empty_database_applies_every_committed_migration()
    {
        var (applied, all, pending) = await app.WithDbAsync(async db => (
            (await db.Database.GetAppliedMigrationsAsync()).ToList(),
            db.Database.GetMigrations().ToList(),
            (await db.Database.GetPendingMigrationsAsync()).ToList()));

        Assert.NotEmpty(all);
        Assert.Equal(all, applied);
        Assert.Empty(pending);
    }

    [Fact]
    public async Task The_committed_migrations_match_the_model()
    {
        // Fails when an entity changed without `dotnet ef migrations add` for this provider.
        Assert.False(await app.WithDbAsync(db => Task.FromResult(db.Database.HasPendingModelChanges())));
    }

    [Fact]
    public async Task Migrating_again_changes_nothing()
    {
        await app.WithScopeAsync(async s =>
        {
            await s.GetRequiredService<DatabaseMigrator>().MigrateAsync();
            return true;
        });

        Assert.Empty(await app.WithDbAsync(db => db.Database.GetPendingMigrationsAsync()));
    }

    [Fact]
    public async Task The_configured_provider_is_the_one_in_use()
    {
        var provider = await app.WithDbAsync(db => Task.FromResult(db.Database.ProviderName));

        Assert.EndsWith(app.Provider == DatabaseProvider.Sqlite ? "Sqlite" : "PostgreSQL", provider);
    }
}

public sealed class MigrationTests_Sqlite(EmptySqliteApp app) : MigrationTests(app), IClassFixture<EmptySqliteApp>;

public sealed class MigrationTests_Postgres(EmptyPostgresApp app) : MigrationTests(app), IClassFixture<EmptyPostgresApp>;

/// <summary>The app started on an empty file rather than a copy of the migrated template.</summary>
public sealed class EmptySqliteApp() : TestApp(new SqliteTestDatabase(empty: true));

/// <summary>The app started on an empty database rather than a copy of the migrated template.</summary>
public sealed class EmptyPostgresApp() : TestApp(new PostgresTestDatabase(empty: true));
