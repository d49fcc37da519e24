using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace TokenSaas.Pages.Tokens;

public sealed class BadgeModel : PageModel
{
    public IActionResult OnGet()
    {
        Response.Headers.CacheControl = "no-store";
        return ViewComponent(typeof(BalanceBadgeViewComponent));
    }
}
