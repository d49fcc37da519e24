using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Identity;
using TokenSaas.Ledger;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Ledger;

public abstract class OpenAccountTests(TestApp app)
{
    [Fact]
    public async Task Opening_one_account_from_many_requests_at_once_credits_the_bonus_once()
    {
        var userId = await CreateUserWithoutAccountAsync();

        var accounts = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ =>
            app.WithScopeAsync(s => s.GetRequiredService<LedgerService>().OpenAccountAsync(userId))));

        Assert.Single(accounts.Distinct());
        var entries = await app.WithDbAsync(db => db.LedgerEntries.Where(e => e.AccountId == accounts[0]).ToListAsync());
        Assert.Equal(10, Assert.Single(entries).Amount);
        Assert.Equal(10, (await BalanceAsync(userId)).Total);
    }

    [Fact]
    public async Task A_user_whose_account_was_never_opened_gets_it_on_first_read()
    {
        var userId = await CreateUserWithoutAccountAsync();

        var balance = await BalanceAsync(userId);

        Assert.Equal(10, balance.Total);
        Assert.Equal(10, balance[GrantBucket.Bonus]);
        Assert.False(balance.Unlimited);
    }

    private Task<TokenBalance> BalanceAsync(string userId) =>
        app.WithScopeAsync(s => s.GetRequiredService<LedgerService>().GetBalanceAsync(userId));

    // As if the app had stopped between creating the user and opening the account.
    private Task<string> CreateUserWithoutAccountAsync() => app.WithScopeAsync(async s =>
    {
        var email = Users.NewEmail();
        var user = new AppUser { UserName = email, Email = email };
        Assert.True((await s.GetRequiredService<UserManager<AppUser>>().CreateAsync(user, Users.Password)).Succeeded);
        return user.Id;
    });
}

public sealed class OpenAccountTests_Sqlite(SqliteApp app) : OpenAccountTests(app), IClassFixture<SqliteApp>;

public sealed class OpenAccountTests_Postgres(PostgresApp app) : OpenAccountTests(app), IClassFixture<PostgresApp>;
