using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Analytics;
using TokenSaas.Ledger;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Analytics.Alerts;

/// <summary>The spend path does not depend on the alert check: a check that throws costs no spend.</summary>
public abstract class SpendWithFailingCheckTests(AlertsApp app)
{
    [Fact]
    public async Task Spends_succeed_and_keep_succeeding_when_the_alert_check_throws()
    {
        var attempts = 0;
        await using var broken = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddScoped<AlertChecker>(_ =>
        {
            Interlocked.Increment(ref attempts);
            throw new InvalidOperationException("The alert check is broken.");
        })));
        var user = await app.NewApiUserAsync();
        await user.GrantAsync(1_000);

        async Task<LedgerResult<SpendResult>> SpendAsync(int tokens)
        {
            await using var scope = broken.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<LedgerService>()
                .SpendAsync(user.UserId, AlertSteps.OneTokenFeature, tokens, $"broken-{Guid.NewGuid():N}");
        }

        var first = await SpendAsync(600);
        await AlertSteps.EventuallyAsync(() => Task.FromResult(Volatile.Read(ref attempts)), n => n > 0);
        var second = await SpendAsync(100);
        await AlertSteps.EventuallyAsync(() => Task.FromResult(Volatile.Read(ref attempts)), n => n > 1);

        Assert.True(first.Succeeded, first.Failure?.Message);
        Assert.True(second.Succeeded, second.Failure?.Message);
        Assert.True(Volatile.Read(ref attempts) >= 2, "the worker kept trying after the check threw");
        Assert.Equal(310, await user.BalanceAsync());
    }
}

public sealed class SpendWithFailingCheckTests_Sqlite(SqliteAlertsApp app) : SpendWithFailingCheckTests(app), IClassFixture<SqliteAlertsApp>;

public sealed class SpendWithFailingCheckTests_Postgres(PostgresAlertsApp app) : SpendWithFailingCheckTests(app), IClassFixture<PostgresAlertsApp>;
