using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TokenSaas.Data;

namespace TokenSaas.Tests.Infrastructure;

/// <summary>
/// The whole app on a real database, started once per test class. Tests share it, so each
/// uses its own users (see <see cref="Users.NewEmail"/>).
/// </summary>
public abstract class TestApp(TestDatabase database) : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "first-admin@tests.tokensaas.local";
    public const string AdminPassword = "Admin-pass-123";
    public const string JwtSecret = "test-secret-that-is-long-enough-for-hs256-0123456789";
    public const string AdminApiKey = "test-admin-api-key";

    private int disposed;
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "tokensaas-tests", "data-" + Guid.NewGuid().ToString("N"));

    public DatabaseProvider Provider => database.Provider;

    public TestDatabase Database => database;

    /// <summary>
    /// Most tests count tokens from the welcome bonus alone (10), so by default the daily
    /// allowance, the basic plan's monthly quota and the login bonus are off. Tests of time,
    /// plans and rewards turn them on.
    /// </summary>
    protected virtual bool FreeAllowances => false;

    /// <summary>Configuration a particular test class needs on top of the defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", database.Provider.ToString());
        builder.UseSetting("ConnectionStrings:Default", database.ConnectionString);
        builder.UseSetting("Database:DataDirectory", dataDirectory);
        builder.UseSetting("Admin:Email", AdminEmail);
        builder.UseSetting("Admin:Password", AdminPassword);
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Jwt:Secret", JwtSecret);
        builder.UseSetting("Admin:ApiKey", AdminApiKey);
        // Tests sign up and log in far more often than a person; the limits have tests of their own.
        builder.UseSetting("RateLimits:AuthPerMinute", "100000");
        builder.UseSetting("RateLimits:SpendPerSecond", "0");
        builder.UseSetting("RateLimits:PaymentsPerMinute", "100000");
        if (!FreeAllowances)
        {
            builder.UseSetting("Tokens:DailyFree", "0");
            builder.UseSetting("Growth:DailyLoginBonus", "0");
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>The app's clock; tests move it instead of waiting.</summary>
    public FakeClock Clock { get; } = new(DateTimeOffset.UtcNow);

    public HttpClient CreateBrowser() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Runs <paramref name="work"/> with services from a fresh scope, as one request would.</summary>
    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> query) =>
        WithScopeAsync(services => query(services.GetRequiredService<AppDbContext>()));

    // Starting the server here (not lazily in a test) keeps start-up failures out of test timings.
    public async Task InitializeAsync()
    {
        _ = Server;
        if (!FreeAllowances)
        {
            // The basic plan's quota is a version's term: the plan row shows it, the version is what the ledger grants.
            await WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
                "UPDATE plans SET monthly_tokens = 0 WHERE key = 'basic'; UPDATE plan_versions SET monthly_tokens = 0 WHERE plan_key = 'basic'"));
        }
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public override async ValueTask DisposeAsync()
    {
        // xunit disposes fixtures both ways (IAsyncLifetime and IDisposable); do the work once.
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await base.DisposeAsync();
        await database.DisposeAsync();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }

        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteApp() : TestApp(new SqliteTestDatabase());

public sealed class PostgresApp() : TestApp(new PostgresTestDatabase());

/// <summary>
/// The app with its real free allowances (daily tokens, the basic plan's quota) and its own
/// database, for tests of time and plans; each test moves its clock to where it needs it.
/// </summary>
public sealed class TimeApp(TestDatabase database, IReadOnlyDictionary<string, string>? settings = null) : TestApp(database)
{
    protected override bool FreeAllowances => true;

    // These tests jump the clock by days; the scheduler (which reads the same clock) would fire
    // every trigger at once and race them. The sweeps it runs are tested by calling them.
    protected override IReadOnlyDictionary<string, string> Settings =>
        new Dictionary<string, string>(settings ?? new Dictionary<string, string>()) { ["Scheduling:Enabled"] = "false" };
}

/// <summary>Another app instance on a database some other <see cref="TestApp"/> owns.</summary>
public sealed class SecondInstance(TestDatabase shared) : TestApp(shared);

/// <summary>A shared app (class fixture) with the real free allowances: daily tokens and the basic plan's quota.</summary>
public sealed class SqliteFreeApp() : TestApp(new SqliteTestDatabase())
{
    protected override bool FreeAllowances => true;
}
