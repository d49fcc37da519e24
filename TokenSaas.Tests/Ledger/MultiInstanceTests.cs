using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Ledger;

/// <summary>
/// Two app instances on one PostgreSQL database, each with its own writers, racing on the same
/// account: the guarantees must come from the database, not from being the only writer.
/// </summary>
public sealed class MultiInstanceTests(PostgresApp first) : TwoInstances(first)
{
    [Fact]
    public async Task Two_instances_spending_from_one_account_never_overdraw_it()
    {
        var user = await First.NewApiUserAsync();
        await user.GrantAsync(190);
        var other = OnSecond(user);

        var responses = await Task.WhenAll(Enumerable.Range(0, 400).Select(i =>
            (i % 2 == 0 ? user.Client : other).PostAsync("/api/v1/spend",
                System.Net.Http.Json.JsonContent.Create(new { feature = "create_website", idempotency_key = $"mi-{i}" }))));

        Assert.Equal(200, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(200, responses.Count(r => r.StatusCode == HttpStatusCode.PaymentRequired));
        Assert.Equal(0, await user.BalanceAsync());
        Assert.True((await First.VerifyAsync()).Clean);
    }

    [Fact]
    public async Task Two_instances_replaying_one_key_write_one_entry()
    {
        var user = await First.NewApiUserAsync();
        var other = OnSecond(user);

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            (i % 2 == 0 ? user.Client : other).PostAsync("/api/v1/spend",
                System.Net.Http.Json.JsonContent.Create(new { feature = "create_website", idempotency_key = "mi-same" }))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(9, await user.BalanceAsync());
        Assert.Equal(1, await First.WithDbAsync(db => db.LedgerEntries.CountAsync(e => e.IdempotencyKey == "mi-same"
            && db.TokenAccounts.Any(a => a.Id == e.AccountId && a.UserId == user.UserId))));
    }

    private HttpClient OnSecond(ApiUser user)
    {
        var tokens = Second.Services.GetRequiredService<TokenSaas.Infrastructure.Auth.JwtTokens>();
        return Second.CreateDefaultClient(new FreshToken(tokens, user.UserId, user.Email, []));
    }
}
