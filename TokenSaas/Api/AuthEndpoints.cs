using Microsoft.AspNetCore.Identity;
using TokenSaas.Identity;
using TokenSaas.Infrastructure.Auth;

namespace TokenSaas.Api;

public static class AuthEndpoints
{
    public static void MapAuthEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/auth/token", IssueTokenAsync)
            .RequireRateLimiting(ApiSetup.AuthRateLimit)
            .WithTags("auth")
            .WithSummary("Exchange an email and password for a bearer JWT (HS256).");

    private static async Task<IResult> IssueTokenAsync(TokenRequest? body, UserManager<AppUser> users,
        SignInManager<AppUser> signIn, JwtTokens tokens)
    {
        if (body is not { Email: { Length: > 0 } email, Password: { Length: > 0 } password })
        {
            return ApiErrors.Error(StatusCodes.Status400BadRequest, "invalid body: email and password are required");
        }

        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            return ApiErrors.Error(StatusCodes.Status401Unauthorized, "invalid email or password");
        }

        var check = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (check.IsLockedOut)
        {
            return ApiErrors.Error(StatusCodes.Status401Unauthorized, "account locked after too many failed attempts");
        }

        if (!check.Succeeded)
        {
            return ApiErrors.Error(StatusCodes.Status401Unauthorized, "invalid email or password");
        }

        var (token, expiresIn) = tokens.Issue(user.Id, user.Email, await users.GetRolesAsync(user));
        return Results.Json(new { access_token = token, token_type = "Bearer", expires_in = expiresIn });
    }
}
