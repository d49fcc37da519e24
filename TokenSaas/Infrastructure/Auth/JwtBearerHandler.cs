using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using TokenSaas.Data;

namespace TokenSaas.Infrastructure.Auth;

/// <summary>Authenticates "Authorization: Bearer &lt;JWT&gt;" with <see cref="JwtTokens"/>.</summary>
public sealed class JwtBearerHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    JwtTokens tokens,
    KnownUsers users) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var (principal, error) = tokens.Validate(header["Bearer ".Length..].Trim());
        if (principal is null)
        {
            Logger.LogInformation("Bearer token refused: {Reason}", error);
            return AuthenticateResult.Fail(error!);
        }

        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier)!;
        if (!await users.ExistsAsync(userId, Context.RequestServices.GetRequiredService<AppDbContext>(), Context.RequestAborted))
        {
            Logger.LogInformation("Bearer token refused: user {UserId} does not exist", userId);
            return AuthenticateResult.Fail("no such user");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
