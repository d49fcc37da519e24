using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace TokenSaas.Pages;

[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }

    public string Title { get; private set; } = string.Empty;

    public string Message { get; private set; } = string.Empty;

    public string? RequestId { get; private set; }

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        Code = code ?? StatusCodes.Status500InternalServerError;
        (Title, Message) = Code switch
        {
            404 => ("Page not found", "We could not find that page. It may have moved, or the address may be mistyped."),
            403 => ("Access denied", "Your account does not have permission to do that."),
            400 => ("Bad request", "Something in that request was not valid. Please go back and try again."),
            429 => ("Too many requests", "You are going a little fast. Please wait a moment and try again."),
            _ => ("Something went wrong", "An unexpected error happened on our side. Please try again in a moment."),
        };
        RequestId = Code >= 500 ? Activity.Current?.Id ?? HttpContext.TraceIdentifier : null;
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null && code is not null)
        {
            Response.StatusCode = Code;
        }
    }
}
