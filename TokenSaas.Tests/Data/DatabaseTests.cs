using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Data;
using TokenSaas.Features;
using TokenSaas.Identity;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Data;

/// <summary>The database behaviours the ledger builds on, proven on each provider.</summary>
public abstract class DatabaseTests(TestApp app)
{
    [Fact]
    public async Task Concurrent_conditional_decrements_never_take_a_grant_below_zero()
    {
        var grantId = await OpenAccountAsync();

        var updated = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => app.WithDbAsync(db =>
            db.Grants.Where(g => g.Id == grantId && g.Remaining >= 1)
                .ExecuteUpdateAsync(s => s.SetProperty(g => g.Remaining, g => g.Remaining - 1)))));

        Assert.Equal(10, updated.Sum());
        Assert.Equal(0, await app.WithDbAsync(db => db.Grants.Where(g => g.Id == grantId).Select(g => g.Remaining).SingleAsync()));
    }

    [Fact]
    public async Task A_second_feature_with_a_taken_key_is_reported_as_a_unique_violation()
    {
        var exception = await Assert.ThrowsAsync<DbUpdateException>(() => app.WithDbAsync(db =>
        {
            db.Features.Add(new Feature("create_website", "Duplicate", "Test", 1, "Same key as a seeded feature.", 0));
            return db.SaveChangesAsync();
        }));

        Assert.True(exception.IsUniqueViolation());
    }

    [Fact]
    public async Task Times_come_back_as_utc()
    {
        await OpenAccountAsync();

        var created = await app.WithDbAsync(db => db.TokenAccounts.Select(a => a.CreatedAt).FirstAsync());

        Assert.Equal(DateTimeKind.Utc, created.Kind);
    }

    private async Task<long> OpenAccountAsync() => await app.WithScopeAsync(async s =>
    {
        var email = Users.NewEmail();
        var (user, _) = await s.GetRequiredService<Registration>().RegisterAsync(email, Users.Password);
        var db = s.GetRequiredService<AppDbContext>();
        return await db.Grants.Where(g => db.TokenAccounts.Any(a => a.Id == g.AccountId && a.UserId == user!.Id))
            .Select(g => g.Id).SingleAsync();
    });
}

public sealed class DatabaseTests_Sqlite(SqliteApp app) : DatabaseTests(app), IClassFixture<SqliteApp>;

public sealed class DatabaseTests_Postgres(PostgresApp app) : DatabaseTests(app), IClassFixture<PostgresApp>;
