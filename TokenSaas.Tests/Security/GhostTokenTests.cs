using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Identity;
using TokenSaas.Infrastructure.Auth;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Security;

/// <summary>
/// A correctly signed, unexpired JWT whose user id names no user (a deleted account, or a token
/// another service minted with the shared secret) is refused everywhere and opens nothing.
/// </summary>
public abstract class GhostTokenTests(TestApp app)
{
    [Fact]
    public async Task A_ghost_token_is_401_unauthorized_on_every_endpoint_and_writes_nothing()
    {
        var ghost = "ghost-" + Guid.NewGuid().ToString("N");
        var token = app.Services.GetRequiredService<JwtTokens>().Issue(ghost, "ghost@example.com", [Roles.Admin]).Token;
        var client = app.CreateBrowser();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var entriesBefore = await app.WithDbAsync(db => db.LedgerEntries.CountAsync());

        var answers = new[]
        {
            await client.GetAsync("/api/v1/balance"),
            await client.PostAsJsonAsync("/api/v1/spend", new { feature = "cover_letter", idempotency_key = "ghost-1" }),
            await client.PostAsJsonAsync("/api/v1/holds", new { feature = "cover_letter", idempotency_key = "ghost-2" }),
            await client.GetAsync("/api/admin/alerts"),
        };

        foreach (var answer in answers)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
            Assert.Equal("""{"error":"unauthorized"}""", await answer.Content.ReadAsStringAsync());
        }

        Assert.Equal(0, await app.WithDbAsync(db => db.TokenAccounts.CountAsync(a => a.UserId == ghost)));
        Assert.Equal(entriesBefore, await app.WithDbAsync(db => db.LedgerEntries.CountAsync()));
    }

    [Fact]
    public async Task A_token_for_a_real_user_still_spends()
    {
        var user = await app.NewApiUserAsync();

        var response = await user.SpendAsync("cover_letter", "real-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

public sealed class GhostTokenTests_Sqlite(SqliteApp app) : GhostTokenTests(app), IClassFixture<SqliteApp>;

public sealed class GhostTokenTests_Postgres(PostgresApp app) : GhostTokenTests(app), IClassFixture<PostgresApp>;
