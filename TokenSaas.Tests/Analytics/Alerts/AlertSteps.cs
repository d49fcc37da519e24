using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Analytics;
using TokenSaas.Identity;
using TokenSaas.Payments;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Analytics.Alerts;

/// <summary>
/// The app for alert tests: no scheduler (tests move the clock by days and run the checks
/// themselves), and the spend worker checking at once instead of after its usual few seconds.
/// </summary>
public abstract class AlertsApp(TestDatabase database) : TestApp(database)
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Scheduling:Enabled"] = "false",
        ["Analytics:Alerts:CheckDelaySeconds"] = "0",
    };
}

public sealed class SqliteAlertsApp() : AlertsApp(new SqliteTestDatabase());

public sealed class PostgresAlertsApp() : AlertsApp(new PostgresTestDatabase());

/// <summary>Arranging spend histories and running the checks as the job and the spend worker would.</summary>
public static class AlertSteps
{
    /// <summary>A feature costing 1 token a use, so a quantity is a number of tokens.</summary>
    public const string OneTokenFeature = "create_website";

    /// <summary>
    /// A user with a week of ordinary spending, <paramref name="perHour"/> tokens an hour on average, spent every
    /// <paramref name="everyHours"/> hours (each spend small enough not to look unusual itself); the clock ends a week on.
    /// </summary>
    public static async Task<ApiUser> UserWithUsualRateAsync(this TestApp app, int perHour, int everyHours = 6, long spare = 5_000)
    {
        var user = await app.NewApiUserAsync();
        await user.GrantAsync(perHour * 24 * 7 + spare);
        for (var hour = 0; hour < 24 * 7; hour += everyHours)
        {
            await user.SpendTokensAsync(perHour * everyHours);
            app.Clock.Advance(TimeSpan.FromHours(everyHours));
        }

        return user;
    }

    public static async Task SpendTokensAsync(this ApiUser user, int tokens)
    {
        for (var left = tokens; left > 0; left -= 1_000)
        {
            var result = await user.LedgerAsync(l => l.SpendAsync(user.UserId, OneTokenFeature, Math.Min(left, 1_000), $"alert-{Guid.NewGuid():N}"));
            Assert.True(result.Succeeded, result.Failure?.Message);
        }
    }

    public static Task<int> CheckAsync(this TestApp app, params string[] userIds) =>
        app.WithScopeAsync(s => s.GetRequiredService<AlertChecker>().CheckUsersAsync(userIds, CancellationToken.None));

    public static Task<bool> CheckPaymentsAsync(this TestApp app) =>
        app.WithScopeAsync(s => s.GetRequiredService<AlertChecker>().CheckPaymentsAsync(CancellationToken.None));

    public static Task<List<AdminAlert>> AlertsForAsync(this TestApp app, string subject) =>
        app.WithDbAsync(db => db.AdminAlerts.AsNoTracking().Where(a => a.Subject == subject).OrderBy(a => a.Id).ToListAsync());

    /// <summary>Every admin's alert notifications whose title or body mentions <paramref name="text"/>, by admin.</summary>
    public static Task<Dictionary<string, int>> AdminNoticesAsync(this TestApp app, string text) =>
        app.WithDbAsync(async db =>
        {
            var admins = await db.UserRoles.Where(r => db.Roles.Any(role => role.Id == r.RoleId && role.Name == Roles.Admin))
                .Select(r => r.UserId).ToListAsync();
            var notices = await db.Notifications.AsNoTracking()
                .Where(n => n.Kind == AlertChecker.NotificationKind && (n.Title.Contains(text) || n.Body.Contains(text)))
                .Select(n => n.UserId).ToListAsync();
            return admins.ToDictionary(a => a, a => notices.Count(n => n == a));
        });

    /// <summary>A checkout opened at the sandbox and declined there, as the sandbox's "Make the payment fail" does.</summary>
    public static Task FailedPaymentAsync(this TestApp app, string userId) =>
        app.WithScopeAsync(async s =>
        {
            var started = await s.GetRequiredService<CheckoutService>().StartAsync(userId, PaymentKind.Pack, "inr_100", "sandbox",
                $"fail-{Guid.NewGuid():N}", "http://localhost", CancellationToken.None);
            Assert.True(started.Succeeded, started.Failure?.Message);
            await s.GetRequiredService<Fulfillment>().FailedAsync(started.Value!.Payment.Id, "Declined", "sandbox", CancellationToken.None);
            return true;
        });

    /// <summary>Waits (up to 30 s) for the spend worker to have done what the test expects of it.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > until)
            {
                return value;
            }

            await Task.Delay(100);
        }
    }
}
