using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TokenSaas.Identity;
using TokenSaas.Infrastructure;
using TokenSaas.Promotions;

namespace TokenSaas.Pages.Tokens;

public sealed class RedeemModel(FreeTokenRedeemer redeemer, UserManager<AppUser> users) : PageModel
{
    [BindProperty(Name = "code", SupportsGet = true)]
    public string? Code { get; set; }

    public Redeemed? Redeemed { get; private set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await redeemer.RedeemAsync(users.GetUserId(User)!, Code, ClientAddress.Of(HttpContext), cancellationToken);
        if (result.Value is { } redeemed)
        {
            (Redeemed, Code) = (redeemed, null);
            Response.Headers["HX-Trigger"] = Htmx.TokensChanged;
        }
        else
        {
            Error = result.Failure!.Message;
            // htmx does not swap a 4xx answer; without it the browser shows the page either way.
            Response.StatusCode = Request.IsHtmx() ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
        }

        return Request.IsHtmx() ? Partial("_RedeemForm", this) : Page();
    }
}
