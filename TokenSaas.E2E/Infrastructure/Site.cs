using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace TokenSaas.E2E.Infrastructure;

/// <summary>
/// The real app on Kestrel (127.0.0.1, a free port, a fresh SQLite file, demo logins seeded)
/// and Debian's Chromium driven by Playwright. One per collection: starting both is the slow part.
/// </summary>
public class Site : IAsyncLifetime
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "tokensaas-e2e", Guid.NewGuid().ToString("N"));
    private readonly WebApplicationFactory<Program> app;
    private readonly ConcurrentQueue<IBrowserContext> contexts = new();
    private IPlaywright? playwright;

    public Site()
        : this(null)
    {
    }

    /// <param name="configure">More setup for a site of its own (a clock to move, say).</param>
    protected Site(Action<IWebHostBuilder>? configure)
    {
        app = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            configure?.Invoke(builder);
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:DataDirectory", dataDirectory);
            builder.UseSetting("Demo:Seed", "true");
            builder.UseSetting("Jwt:Secret", "e2e-secret-that-is-long-enough-for-hs256-0123456789");
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        });
        app.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    public string BaseUrl { get; private set; } = string.Empty;

    public IServiceProvider Services => app.Services;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Screenshots land here (TOKENSAAS_E2E_ARTIFACTS, else artifacts/ under the test output).</summary>
    public static string ArtifactsDirectory =>
        Environment.GetEnvironmentVariable("TOKENSAAS_E2E_ARTIFACTS") is { Length: > 0 } path
            ? path
            : Path.Combine(AppContext.BaseDirectory, "artifacts");

    public async Task InitializeAsync()
    {
        app.StartServer();
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            // Without the background-networking flags Chromium keeps dialling Google on this closed network.
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
        Directory.CreateDirectory(ArtifactsDirectory);
    }

    /// <summary>A fresh browser profile (no cookies) with a page on the site.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(15_000);
        CspWatch.Watch(context);
        contexts.Enqueue(context);
        return await context.NewPageAsync();
    }

    public virtual async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        await app.DisposeAsync();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }

        CspWatch.AssertNoneLeft(contexts);
    }
}

[CollectionDefinition(Name)]
public sealed class SiteCollection : ICollectionFixture<Site>
{
    public const string Name = "site";
}

/// <summary>
/// A second copy of the site for the admin journeys (catalogue, promotions, users, exports, codes),
/// so that they run beside the user journeys: a journey waits on its browser much of the time.
/// </summary>
public sealed class AdminSite : Site;

[CollectionDefinition(Name)]
public sealed class AdminSiteCollection : ICollectionFixture<AdminSite>
{
    public const string Name = "admin-site";
}
