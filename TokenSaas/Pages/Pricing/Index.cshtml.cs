using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using TokenSaas.Ledger;

namespace TokenSaas.Pages.Pricing;

public sealed class IndexModel(IOptions<TokensOptions> tokens) : PageModel
{
    public long WelcomeBonus => tokens.Value.WelcomeBonus;
}
