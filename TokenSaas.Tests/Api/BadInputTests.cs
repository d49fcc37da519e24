using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Api;

public abstract class BadInputTests(TestApp app)
{
    public static TheoryData<string, string, string> BadSpends => new()
    {
        { "negative quantity", """{"feature":"template","idempotency_key":"k","quantity":-1}""", "quantity must be a whole number of at least 1." },
        { "zero quantity", """{"feature":"template","idempotency_key":"k","quantity":0}""", "quantity must be a whole number of at least 1." },
        { "huge quantity", """{"feature":"template","idempotency_key":"k","quantity":1000001}""", "quantity must be at most 1000." },
        { "overflowing quantity", """{"feature":"template","idempotency_key":"k","quantity":99999999999999}""", "invalid body: the value at $.quantity is not valid" },
        { "fractional quantity", """{"feature":"template","idempotency_key":"k","quantity":1.5}""", "invalid body: the value at $.quantity is not valid" },
        { "text quantity", """{"feature":"template","idempotency_key":"k","quantity":"two"}""", "invalid body: the value at $.quantity is not valid" },
        { "unknown feature", """{"feature":"teleport","idempotency_key":"k"}""", "unknown feature 'teleport'" },
        { "missing feature", """{"idempotency_key":"k"}""", "feature is required." },
        { "missing key", """{"feature":"template"}""", "idempotency_key is required." },
        { "empty key", """{"feature":"template","idempotency_key":""}""", "idempotency_key is required." },
        { "over-long key", $$"""{"feature":"template","idempotency_key":"{{new string('k', 201)}}"}""", "idempotency_key must be at most 200 characters." },
        { "reserved key", """{"feature":"template","idempotency_key":"~welcome"}""", "idempotency_key must not start with '~' (reserved)." },
        { "malformed JSON", """{"feature":"template",""", "invalid body: malformed JSON" },
        { "not an object", "[1,2,3]", "invalid body: malformed JSON" },
        { "empty body", "", "invalid body: a JSON body is required" },
    };

    [Theory]
    [MemberData(nameof(BadSpends))]
    public async Task A_bad_spend_is_400_with_a_clear_message_and_writes_nothing(string why, string body, string message)
    {
        var user = await app.NewApiUserAsync();

        var response = await user.Client.PostAsync("/api/v1/spend", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{why}: {(int)response.StatusCode}");
        Assert.Equal(message, await response.ErrorAsync());
        Assert.Equal(10, await user.BalanceAsync());
        Assert.Equal(1, await app.WithDbAsync(db => db.LedgerEntries.CountAsync(e =>
            db.TokenAccounts.Any(a => a.Id == e.AccountId && a.UserId == user.UserId))));
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_with_a_hint()
    {
        var user = await app.NewApiUserAsync();

        var response = await user.Client.PostAsync("/api/v1/spend", new StringContent("feature=template", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.StartsWith("invalid body", await response.ErrorAsync());
    }

    [Theory]
    [InlineData("/api/v1/transactions?limit=0", "limit must be a whole number from 1 to 100")]
    [InlineData("/api/v1/transactions?limit=abc", "limit must be a whole number from 1 to 100")]
    [InlineData("/api/v1/transactions?after=-5", "after must be the `next` value of a previous page")]
    public async Task Bad_query_strings_are_400(string url, string message)
    {
        var user = await app.NewApiUserAsync();

        var response = await user.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, await response.ErrorAsync());
    }

    [Fact]
    public async Task An_unknown_api_address_is_a_json_404()
    {
        var user = await app.NewApiUserAsync();

        var response = await user.Client.GetAsync("/api/v1/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not found", await response.ErrorAsync());
    }
}

public sealed class BadInputTests_Sqlite(SqliteApp app) : BadInputTests(app), IClassFixture<SqliteApp>;

public sealed class BadInputTests_Postgres(PostgresApp app) : BadInputTests(app), IClassFixture<PostgresApp>;
