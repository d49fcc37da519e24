using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using TokenSaas.Ledger;

namespace TokenSaas.Pages;

public sealed class IndexModel(IOptions<TokensOptions> tokens) : PageModel
{
    public long WelcomeBonus => tokens.Value.WelcomeBonus;
}
