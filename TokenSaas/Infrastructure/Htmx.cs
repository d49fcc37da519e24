using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace TokenSaas.Infrastructure;

/// <summary>The few htmx headers the site reads and writes.</summary>
public static class Htmx
{
    /// <summary>The event that tells the navbar badge (and the dashboard) to re-fetch the balance.</summary>
    public const string TokensChanged = "tokens-changed";

    public static bool IsHtmx(this HttpRequest request) => request.Headers["HX-Request"] == "true";

    /// <summary>
    /// Sends the browser to <paramref name="url"/>: a redirect, or for htmx an HX-Redirect (htmx would follow a
    /// redirect inside its request and swap the next page, a gateway's even, into the part it asked for).
    /// </summary>
    public static IActionResult Navigate(this PageModel page, string url)
    {
        if (!page.Request.IsHtmx())
        {
            return url.StartsWith('/') ? new LocalRedirectResult(url) : new RedirectResult(url);
        }

        page.Response.Headers["HX-Redirect"] = url;
        return new OkResult();
    }
}
