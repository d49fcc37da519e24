using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TokenSaas.Identity;
using TokenSaas.Ledger;

namespace TokenSaas.Pages.Dashboard;

public sealed class IndexModel(LedgerService ledger, UserManager<AppUser> users) : PageModel
{
    private const int RecentCount = 10;

    public TokenBalance Balance { get; private set; } = null!;

    public IReadOnlyList<LedgerEntry> Recent { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User)!;
        Balance = await ledger.GetBalanceAsync(userId, cancellationToken);
        Recent = await ledger.GetRecentEntriesAsync(userId, RecentCount, cancellationToken);
    }

    public async Task<IActionResult> OnGetActivityAsync(CancellationToken cancellationToken) =>
        Partial("_Activity", await ledger.GetRecentEntriesAsync(users.GetUserId(User)!, RecentCount, cancellationToken));
}
