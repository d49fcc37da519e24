using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace TokenSaas.Infrastructure.Auth;

/// <summary>
/// Issues and checks HS256 JSON Web Tokens. Deliberately small: one algorithm, fixed in the
/// header check (so "alg": "none" or a different HMAC is refused before any signature work),
/// constant-time signature comparison, exp required, nbf honoured, iss/aud checked when present
/// (tokens made by the seeds' other services carry only the user id), clock skew bounded.
/// </summary>
public sealed class JwtTokens(IOptions<JwtOptions> options, TimeProvider clock)
{
    private const string Algorithm = "HS256";
    private const int CacheLimit = 10_000;

    // API clients send the same token for its whole life; checking it once is enough. Entries
    // hold the claims and the expiry, which is still checked on every use.
    private readonly ConcurrentDictionary<string, (Claim[] Claims, long Expires)> validated = new(StringComparer.Ordinal);

    private JwtOptions Options => options.Value;

    public (string Token, int ExpiresIn) Issue(string userId, string? email, IEnumerable<string> roles)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var lifetime = (int)Options.Lifetime.TotalSeconds;
        var payload = new JsonObject
        {
            ["sub"] = userId,
            ["email"] = email,
            ["role"] = new JsonArray(roles.Select(r => (JsonNode?)JsonValue.Create(r)).ToArray()),
            ["iss"] = Options.Issuer,
            ["aud"] = Options.Audience,
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + lifetime,
            ["jti"] = Guid.NewGuid().ToString("N"),
        };
        var signingInput = Base64Url("""{"alg":"HS256","typ":"JWT"}"""u8) + "." +
                           Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        return (signingInput + "." + Base64Url(Sign(signingInput)), lifetime);
    }

    /// <summary>The principal the token proves, or null with why not.</summary>
    public (ClaimsPrincipal? Principal, string? Error) Validate(string token)
    {
        if (validated.TryGetValue(token, out var known))
        {
            if (clock.GetUtcNow().ToUnixTimeSeconds() <= known.Expires + (long)Options.ClockSkew.TotalSeconds)
            {
                return (Principal(known.Claims), null);
            }

            validated.TryRemove(token, out _);
            return (null, "expired");
        }

        var (principal, error) = ValidateUncached(token);
        if (principal is not null && principal.FindFirst(ExpiresClaim) is { } exp)
        {
            if (validated.Count >= CacheLimit)
            {
                validated.Clear();
            }

            validated[token] = (principal.Claims.ToArray(), long.Parse(exp.Value, System.Globalization.CultureInfo.InvariantCulture));
        }

        return (principal, error);
    }

    private const string ExpiresClaim = "exp";

    private static ClaimsPrincipal Principal(IEnumerable<Claim> claims) =>
        new(new ClaimsIdentity(claims, JwtBearerHandler.SchemeName));

    private (ClaimsPrincipal? Principal, string? Error) ValidateUncached(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return (null, "malformed token");
        }

        try
        {
            using var header = JsonDocument.Parse(FromBase64Url(parts[0]));
            if (!header.RootElement.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String
                || alg.GetString() != Algorithm)
            {
                return (null, "unsupported algorithm");
            }

            if (!CryptographicOperations.FixedTimeEquals(FromBase64Url(parts[2]), Sign(parts[0] + "." + parts[1])))
            {
                return (null, "bad signature");
            }

            using var payload = JsonDocument.Parse(FromBase64Url(parts[1]));
            return Claims(payload.RootElement);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
        {
            return (null, "malformed token");
        }
    }

    private (ClaimsPrincipal?, string?) Claims(JsonElement payload)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var skew = (long)Options.ClockSkew.TotalSeconds;
        if (!payload.TryGetProperty("exp", out var exp) || exp.ValueKind != JsonValueKind.Number)
        {
            return (null, "missing exp");
        }

        if (now > exp.GetInt64() + skew)
        {
            return (null, "expired");
        }

        if (payload.TryGetProperty("nbf", out var nbf) && (nbf.ValueKind != JsonValueKind.Number || now + skew < nbf.GetInt64()))
        {
            return (null, "not yet valid");
        }

        if (payload.TryGetProperty("iss", out var iss) && iss.GetString() != Options.Issuer)
        {
            return (null, "wrong issuer");
        }

        if (payload.TryGetProperty("aud", out var aud) && !Strings(aud).Contains(Options.Audience))
        {
            return (null, "wrong audience");
        }

        var userId = Text(payload, "sub") ?? Text(payload, "user_id");
        if (string.IsNullOrWhiteSpace(userId))
        {
            return (null, "no user id");
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, userId),
            new(ExpiresClaim, exp.GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (Text(payload, "email") is { } email)
        {
            claims.Add(new Claim(ClaimTypes.Name, email));
        }

        if (payload.TryGetProperty("role", out var roles))
        {
            claims.AddRange(Strings(roles).Select(r => new Claim(ClaimTypes.Role, r)));
        }

        return (Principal(claims), null);
    }

    private byte[] Sign(string signingInput) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(Options.Secret!), Encoding.ASCII.GetBytes(signingInput));

    // Numbers are accepted as ids too: the seeds' services put integer user ids in their tokens.
    private static string? Text(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    private static IEnumerable<string> Strings(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => [value.GetString()!],
        JsonValueKind.Array => value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!),
        _ => [],
    };

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + (4 - padded.Length % 4) % 4, '='));
    }
}
