using System.Data.Common;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Data;
using TokenSaas.Infrastructure.Auth;

namespace TokenSaas.Bench;

/// <summary>
/// The baseline: what a spend endpoint usually looks like. One transaction per request that
/// reads the balance, checks it, writes the new balance and an entry. Same HTTP, JSON and JWT
/// work as the real endpoint; its own tables, so its lost updates do not touch the real ledger.
/// </summary>
public static class NaiveSpend
{
    public const string Path = "/bench/naive-spend";

    /// <summary>Answers at once after the same JWT check: what HTTP alone costs on this machine.</summary>
    public const string NoOpPath = "/bench/no-op";
    private const long Cost = 1;

    public sealed class Startup : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Map(Path, branch => branch.Run(HandleAsync));
            app.Map(NoOpPath, branch => branch.Run(async context =>
            {
                var (principal, _) = context.RequestServices.GetRequiredService<JwtTokens>()
                    .Validate(context.Request.Headers.Authorization.ToString()["Bearer ".Length..]);
                using var body = await JsonDocument.ParseAsync(context.Request.Body);
                context.Response.StatusCode = principal is null ? 401 : 200;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("""{"spent":0}""");
            }));
            next(app);
        };
    }

    public static async Task CreateTablesAsync(BenchHost host) => await WithConnectionAsync(host, async c =>
    {
        var serial = host.Provider == DatabaseProvider.Postgres ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY";
        await ExecuteAsync(c, null, "CREATE TABLE naive_accounts (user_id TEXT PRIMARY KEY, balance BIGINT NOT NULL)");
        await ExecuteAsync(c, null, $"CREATE TABLE naive_entries (id {serial}, user_id TEXT NOT NULL, amount BIGINT NOT NULL, " +
            "balance_after BIGINT NOT NULL, idempotency_key TEXT NOT NULL)");
        await ExecuteAsync(c, null, "CREATE UNIQUE INDEX naive_entries_key ON naive_entries (user_id, idempotency_key)");
    });

    public static Task FundAsync(BenchHost host, IEnumerable<string> userIds) => WithConnectionAsync(host, async c =>
    {
        foreach (var userId in userIds)
        {
            await ExecuteAsync(c, null, "INSERT INTO naive_accounts (user_id, balance) VALUES (@u, @b)", ("@u", userId), ("@b", BenchHost.Funding));
        }
    });

    /// <summary>Money the naive endpoint lost: balance it should have taken minus what the balances show it took.</summary>
    public static async Task<long> LostUpdatesAsync(BenchHost host)
    {
        long lost = 0;
        await WithConnectionAsync(host, async c =>
        {
            await using var command = c.CreateCommand();
            command.CommandText = "SELECT (SELECT COUNT(*) FROM naive_entries) * " + Cost +
                                  " - (SELECT COALESCE(SUM(" + BenchHost.Funding + " - balance), 0) FROM naive_accounts)";
            lost = Convert.ToInt64(await command.ExecuteScalarAsync());
        });
        return lost;
    }

    private static async Task HandleAsync(HttpContext context)
    {
        var (principal, _) = context.RequestServices.GetRequiredService<JwtTokens>()
            .Validate(context.Request.Headers.Authorization.ToString()["Bearer ".Length..]);
        if (principal is null)
        {
            context.Response.StatusCode = 401;
            return;
        }

        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier)!;
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        var key = body.RootElement.GetProperty("idempotency_key").GetString()!;
        var db = context.RequestServices.GetRequiredService<AppDbContext>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT balance FROM naive_accounts WHERE user_id = @u";
        Add(read, "@u", userId);
        var balance = Convert.ToInt64(await read.ExecuteScalarAsync());
        if (balance < Cost)
        {
            context.Response.StatusCode = 402;
            return;
        }

        await ExecuteAsync(connection, transaction, "UPDATE naive_accounts SET balance = @b WHERE user_id = @u",
            ("@b", balance - Cost), ("@u", userId));
        await ExecuteAsync(connection, transaction,
            "INSERT INTO naive_entries (user_id, amount, balance_after, idempotency_key) VALUES (@u, @a, @b, @k)",
            ("@u", userId), ("@a", -Cost), ("@b", balance - Cost), ("@k", key));
        await transaction.CommitAsync();
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($$"""{"spent":{{Cost}},"balance":{{balance - Cost}}}""");
    }

    private static async Task WithConnectionAsync(BenchHost host, Func<DbConnection, Task> work)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var connection = scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.GetDbConnection();
        await connection.OpenAsync();
        await work(connection);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql,
        params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            Add(command, name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
