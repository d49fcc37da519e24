using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using TokenSaas.Data;
using TokenSaas.Ledger;
using TokenSaas.Plans;

namespace TokenSaas.Pages;

public sealed class IndexModel(AppDbContext db, IOptions<TokensOptions> tokens) : PageModel
{
    public StartingTokens Starting { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Starting = await StartingTokens.LoadAsync(db, tokens.Value, cancellationToken);
}
