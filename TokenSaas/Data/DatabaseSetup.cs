using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace TokenSaas.Data;

public static class DatabaseSetup
{
    /// <summary>SQLite by default (a WAL-mode file in the data folder); PostgreSQL with Database:Provider=Postgres.</summary>
    public static IServiceCollection AddAppDatabase(this IServiceCollection services, IConfiguration configuration,
        IHostEnvironment environment)
    {
        var provider = configuration[$"{DatabaseOptions.Section}:Provider"];
        if (!string.IsNullOrEmpty(provider) && !(Enum.TryParse<DatabaseProvider>(provider, ignoreCase: true, out var known) && Enum.IsDefined(known)))
        {
            throw new Infrastructure.ConfigurationException($"Database:Provider is '{provider}'; it must be Sqlite or Postgres.");
        }

        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = configuration.GetConnectionString("Default");
        switch (options.Provider)
        {
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new Infrastructure.ConfigurationException(
                        "Database:Provider is Postgres but ConnectionStrings:Default is not set.");
                }

                services.AddDbContextPool<AppDbContext, PostgresAppDbContext>(o => o.UseNpgsql(connectionString));
                services.AddSingleton(new LedgerConnections(DatabaseProvider.Postgres, connectionString));
                break;
            default:
                var sqlite = SqliteConnectionString(connectionString, DataDirectory(options, environment));
                services.AddDbContextPool<AppDbContext, SqliteAppDbContext>(o => o.UseSqlite(sqlite));
                services.AddSingleton(new LedgerConnections(DatabaseProvider.Sqlite, sqlite));
                services.AddHostedService<SqliteCheckpointer>();
                break;
        }

        return services;
    }

    public static string DataDirectory(DatabaseOptions options, IHostEnvironment environment) =>
        Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.DataDirectory));

    private static string SqliteConnectionString(string? configured, string dataDirectory)
    {
        var builder = new SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(configured) ? $"Data Source={Path.Combine(dataDirectory, "tokensaas.db")}" : configured)
        {
            // Writers queue behind SQLite's single write lock instead of failing with SQLITE_BUSY.
            DefaultTimeout = 30,
            Pooling = true,
        };
        return builder.ToString();
    }
}
