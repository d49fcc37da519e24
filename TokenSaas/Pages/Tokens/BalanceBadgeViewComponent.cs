using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using TokenSaas.Identity;
using TokenSaas.Ledger;

namespace TokenSaas.Pages.Tokens;

/// <summary>The navbar balance: rendered by the layout, re-rendered by Tokens/Badge on tokens-changed.</summary>
public sealed class BalanceBadgeViewComponent(LedgerService ledger, UserManager<AppUser> users) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var userId = users.GetUserId(UserClaimsPrincipal);
        if (userId is null)
        {
            return Content(string.Empty);
        }

        var balance = await ledger.GetBalanceAsync(userId, HttpContext.RequestAborted);
        return View("~/Pages/Tokens/_BalanceBadge.cshtml", balance);
    }
}
