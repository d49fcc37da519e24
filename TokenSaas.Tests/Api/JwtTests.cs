using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Infrastructure.Auth;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Api;

public sealed class JwtTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task A_token_from_the_token_endpoint_reads_the_balance()
    {
        var email = Users.NewEmail();
        await app.SignedUpAsync(email);

        var response = await app.CreateBrowser().PostAsJsonAsync("/api/auth/token", new { email, password = Users.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = await response.ReadJsonAsync();
        Assert.Equal("Bearer", json.RootElement.GetProperty("token_type").GetString());
        Assert.Equal(3600, json.RootElement.GetProperty("expires_in").GetInt32());
        var balance = await Call(json.RootElement.GetProperty("access_token").GetString()).GetAsync("/api/v1/balance");
        Assert.Equal(HttpStatusCode.OK, balance.StatusCode);
    }

    [Theory]
    [InlineData("Wrong-pass-1")]
    [InlineData("")]
    public async Task Bad_credentials_get_no_token(string password)
    {
        var email = Users.NewEmail();
        await app.SignedUpAsync(email);

        var response = await app.CreateBrowser().PostAsJsonAsync("/api/auth/token", new { email, password });

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.BadRequest });
        Assert.DoesNotContain("access_token", await response.Content.ReadAsStringAsync());
    }

    public static TheoryData<string, string> BadTokens => new()
    {
        { "missing", "" },
        { "garbage", "not.a.jwt" },
        { "bad signature", Token("""{"alg":"HS256","typ":"JWT"}""", Payload(), "another-secret-that-is-long-enough-0123456789") },
        { "alg none", Token("""{"alg":"none","typ":"JWT"}""", Payload(), null) },
        { "alg HS512", Token("""{"alg":"HS512","typ":"JWT"}""", Payload(), TestApp.JwtSecret, HashAlgorithmName.SHA512) },
        { "expired", Token("""{"alg":"HS256","typ":"JWT"}""", Payload(expiresIn: -600), TestApp.JwtSecret) },
        { "not yet valid", Token("""{"alg":"HS256","typ":"JWT"}""", Payload(notBefore: 600), TestApp.JwtSecret) },
        { "no exp", Token("""{"alg":"HS256","typ":"JWT"}""", """{"sub":"someone"}""", TestApp.JwtSecret) },
        { "wrong audience", Token("""{"alg":"HS256","typ":"JWT"}""", Payload(audience: "elsewhere"), TestApp.JwtSecret) },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_token_is_401_unauthorized(string why, string token)
    {
        var response = await Call(token).GetAsync("/api/v1/balance");

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, why);
        Assert.Equal("unauthorized", await response.ErrorAsync());
    }

    [Fact]
    public async Task A_token_signed_with_the_secret_carrying_user_id_instead_of_sub_is_accepted()
    {
        var user = await app.NewApiUserAsync();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var token = Token("""{"alg":"HS256","typ":"JWT"}""", $$"""{"user_id":"{{user.UserId}}","exp":{{now + 600}}}""", TestApp.JwtSecret);

        var response = await Call(token).GetAsync("/api/v1/balance");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_token_endpoint_is_rate_limited_per_address()
    {
        await using var limited = new RateLimitedApp();
        var client = limited.CreateBrowser();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/auth/token", new { email = "x@example.com", password = "Wrong-pass-1" })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public void Issued_tokens_validate_and_carry_the_user()
    {
        var tokens = app.Services.GetRequiredService<JwtTokens>();

        var (token, _) = tokens.Issue("user-1", "a@example.com", ["Admin"]);
        var (principal, error) = tokens.Validate(token);

        Assert.Null(error);
        Assert.Equal("user-1", principal!.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value);
        Assert.True(principal.IsInRole("Admin"));
    }

    private HttpClient Call(string? token)
    {
        var client = app.CreateBrowser();
        if (!string.IsNullOrEmpty(token))
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    private static string Payload(long expiresIn = 600, long notBefore = 0, string audience = "tokensaas-api")
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return $$"""{"sub":"someone","aud":"{{audience}}","iss":"tokensaas","nbf":{{now + notBefore}},"exp":{{now + expiresIn}}}""";
    }

    private static string Token(string header, string payload, string? secret, HashAlgorithmName? algorithm = null)
    {
        var input = B64(Encoding.UTF8.GetBytes(header)) + "." + B64(Encoding.UTF8.GetBytes(payload));
        if (secret is null)
        {
            return input + ".";
        }

        var key = Encoding.UTF8.GetBytes(secret);
        var data = Encoding.ASCII.GetBytes(input);
        var signature = algorithm == HashAlgorithmName.SHA512 ? HMACSHA512.HashData(key, data) : HMACSHA256.HashData(key, data);
        return input + "." + B64(signature);
    }

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Fact]
    public async Task Checkouts_are_rate_limited_per_user()
    {
        await using var limited = new RateLimitedApp();
        var alice = await limited.NewApiUserAsync();
        var bob = await limited.NewApiUserAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await alice.PostAsync("/api/v1/checkout", new { pack = "inr_100", gateway = "sandbox", idempotency_key = $"k{i}" })).StatusCode);
        }

        var bobs = await bob.PostAsync("/api/v1/checkout", new { pack = "inr_100", gateway = "sandbox", idempotency_key = "k0" });

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, bobs.StatusCode);
    }

    private sealed class RateLimitedApp() : TestApp(new SqliteTestDatabase())
    {
        protected override IReadOnlyDictionary<string, string> Settings =>
            new Dictionary<string, string> { ["RateLimits:AuthPerMinute"] = "3", ["RateLimits:PaymentsPerMinute"] = "2" };
    }
}
