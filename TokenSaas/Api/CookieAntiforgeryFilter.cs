using Microsoft.AspNetCore.Antiforgery;
using TokenSaas.Infrastructure.Auth;

namespace TokenSaas.Api;

/// <summary>
/// The API also accepts the site's cookie, and a cookie is sent by the browser on any site's
/// behalf: unsafe requests authenticated only by the cookie must carry the antiforgery token
/// (htmx sends it as a header). Bearer and API-key callers are not exposed to CSRF.
/// </summary>
public sealed class CookieAntiforgeryFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var unsafeMethod = !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method));
        var tokenCaller = http.User.Identities.Any(i => i.IsAuthenticated
            && i.AuthenticationType is JwtBearerHandler.SchemeName or ApiKeyHandler.SchemeName);
        if (unsafeMethod && !tokenCaller && !await antiforgery.IsRequestValidAsync(http))
        {
            return ApiErrors.Error(StatusCodes.Status400BadRequest, "missing or invalid antiforgery token");
        }

        return await next(context);
    }
}
