using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using TokenSaas.Data;
using TokenSaas.Identity;
using TokenSaas.Infrastructure.Auth;
using TokenSaas.Ledger;

namespace TokenSaas.Bench;

/// <summary>The real app on Kestrel (127.0.0.1) on a fresh database, with funded accounts and their JWTs.</summary>
public sealed class BenchHost : IAsyncDisposable
{
    public const long Funding = 10_000_000;
    public const string AdminApiKey = "bench-admin-api-key";

    /// <summary>Every bench directory lives under this one; <see cref="RemoveTempRootIfEmpty"/> tidies it at the end.</summary>
    public static readonly string TempRoot = Path.Combine(Path.GetTempPath(), "tokensaas-bench");
    private readonly WebApplicationFactory<Program> app;
    private readonly string directory = Path.Combine(TempRoot, Guid.NewGuid().ToString("N"));
    private readonly string? postgresDatabase;
    private readonly string? postgresServer;

    private BenchHost(DatabaseProvider provider, string? postgresServer)
    {
        Provider = provider;
        this.postgresServer = postgresServer;
        string connection;
        if (provider == DatabaseProvider.Postgres)
        {
            postgresDatabase = "tokensaas_bench_" + Guid.NewGuid().ToString("N");
            Admin($"CREATE DATABASE \"{postgresDatabase}\"");
            connection = new NpgsqlConnectionStringBuilder(postgresServer) { Database = postgresDatabase, MaxPoolSize = 200 }.ConnectionString;
        }
        else
        {
            connection = $"Data Source={Path.Combine(directory, "bench.db")}";
        }

        // Only once the database exists, so a server that cannot be reached leaves nothing behind.
        Directory.CreateDirectory(directory);

        ConnectionString = connection;
        app = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Benchmark");
            b.UseSetting("Database:Provider", provider.ToString());
            b.UseSetting("ConnectionStrings:Default", connection);
            b.UseSetting("Database:DataDirectory", directory);
            b.UseSetting("Jwt:Secret", "bench-secret-that-is-long-enough-for-hs256-0123456789");
            b.UseSetting("RateLimits:SpendPerSecond", "0");
            b.UseSetting("Admin:ApiKey", AdminApiKey);
            b.UseSetting("Logging:LogLevel:Default", "Error");
            b.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "None");
            b.ConfigureLogging(l => l.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Error));
            b.ConfigureServices(s => s.AddSingleton<IStartupFilter, NaiveSpend.Startup>());
        });
        app.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The SQLite file and anything else the app keeps on disk; deleted on dispose.</summary>
    public string DataDirectory => directory;

    public string BaseUrl { get; private set; } = string.Empty;

    public IServiceProvider Services => app.Services;

    public static async Task<BenchHost> StartAsync(DatabaseProvider provider, string? postgresServer)
    {
        var host = new BenchHost(provider, postgresServer);
        try
        {
            host.app.StartServer();
            host.BaseUrl = host.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            await NaiveSpend.CreateTablesAsync(host);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Users with <see cref="Funding"/> purchased tokens each (and the same in the naive baseline's table).</summary>
    public async Task<IReadOnlyList<(string UserId, string Token)>> CreateAccountsAsync(int count)
    {
        var accounts = new List<(string, string)>();
        var jwt = Services.GetRequiredService<JwtTokens>();
        for (var i = 0; i < count; i++)
        {
            await using var scope = Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var email = $"bench-{Guid.NewGuid():N}@example.com";
            var user = new AppUser { UserName = email, Email = email, CreatedAt = DateTime.UtcNow };
            // No password: hashing one (PBKDF2) per account would dominate the set-up time.
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
            }

            await scope.ServiceProvider.GetRequiredService<LedgerService>().GrantAsync(user.Id,
                new TokenGrant(GrantBucket.Purchased, Funding, "bench", "bench-funding", "bench", "Benchmark funding"));
            accounts.Add((user.Id, jwt.Issue(user.Id, email, []).Token));
        }

        await NaiveSpend.FundAsync(this, accounts.Select(a => a.Item1));
        return accounts;
    }

    public async Task<VerifyReport> VerifyAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LedgerVerifier>().VerifyAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (postgresDatabase is not null)
        {
            Admin($"DROP DATABASE IF EXISTS \"{postgresDatabase}\" WITH (FORCE)");
        }

        Directory.Delete(directory, recursive: true);
    }

    public static void RemoveTempRootIfEmpty()
    {
        if (Directory.Exists(TempRoot) && !Directory.EnumerateFileSystemEntries(TempRoot).Any())
        {
            Directory.Delete(TempRoot);
        }
    }

    private void Admin(string sql)
    {
        using var connection = new NpgsqlConnection(postgresServer);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
