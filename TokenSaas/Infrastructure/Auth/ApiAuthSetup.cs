using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using TokenSaas.Identity;

namespace TokenSaas.Infrastructure.Auth;

public static class ApiAuthSetup
{
    /// <summary>Signed-in users through the site's cookie or a bearer JWT.</summary>
    public const string UserPolicy = "ApiUser";

    /// <summary>Admins through the cookie or a JWT, or anyone holding the admin API key.</summary>
    public const string AdminPolicy = "ApiAdmin";

    public static IServiceCollection AddApiAuthentication(this IServiceCollection services, IHostEnvironment environment,
        string dataDirectory)
    {
        services.AddOptions<JwtOptions>().BindConfiguration(JwtOptions.Section)
            .PostConfigure(o =>
            {
                if (string.IsNullOrEmpty(o.Secret) && environment.IsDevelopment())
                {
                    o.Secret = DevelopmentSecret(dataDirectory);
                }
            })
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<JwtTokens>();
        services.AddSingleton<KnownUsers>();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, JwtBearerHandler>(JwtBearerHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyHandler.SchemeName, null)
            .AddPolicyScheme(CallerScheme, CallerScheme, o => o.ForwardDefaultSelector = SelectScheme);
        // Whoever the caller is, they are known from the first middleware on (rate limits are per user).
        services.Configure<AuthenticationOptions>(o => o.DefaultAuthenticateScheme = CallerScheme);
        services.AddAuthorizationBuilder()
            .AddPolicy(UserPolicy, p => p.RequireAuthenticatedUser())
            .AddPolicy(AdminPolicy, p => p.RequireRole(Roles.Admin));
        return services;
    }

    private const string CallerScheme = "Caller";

    // An API key or a bearer token, when sent, decides alone; otherwise the site's cookie.
    private static string SelectScheme(HttpContext context) =>
        context.Request.Headers.ContainsKey(ApiKeyHandler.Header) ? ApiKeyHandler.SchemeName
        : context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? JwtBearerHandler.SchemeName
            : IdentityConstants.ApplicationScheme;

    // Development only: a random key kept beside the database, so tokens survive restarts.
    private static string DevelopmentSecret(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, "jwt-secret");
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        Directory.CreateDirectory(dataDirectory);
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        File.WriteAllText(path, secret);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return secret;
    }
}
