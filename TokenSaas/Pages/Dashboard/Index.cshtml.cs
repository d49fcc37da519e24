using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TokenSaas.Identity;
using TokenSaas.Ledger;

namespace TokenSaas.Pages.Dashboard;

public sealed class IndexModel(AccountSummaries summaries, LedgerService ledger, SpendingReport spending, Payments.PaymentHistory payments,
    UserManager<AppUser> users, TimeProvider clock) : PageModel
{
    private const int RecentCount = 10;

    public AccountSummary Summary { get; private set; } = null!;

    public IReadOnlyList<Payments.Payment> Purchases { get; private set; } = [];

    /// <summary>"Welcome" on the first day of an account (there is no earlier visit to come back from), then "Welcome back".</summary>
    public string Greeting { get; private set; } = "Welcome";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        Greeting = user is not null && clock.GetUtcNow().UtcDateTime - user.CreatedAt >= TimeSpan.FromDays(1) ? "Welcome back" : "Welcome";
        Summary = await summaries.GetAsync(users.GetUserId(User)!, RecentCount, cancellationToken);
        Purchases = await payments.RecentAsync(users.GetUserId(User)!, 5, cancellationToken);
    }

    /// <summary>"5 h 12 min": the first value of a countdown that site.js then keeps ticking.</summary>
    public string TimeUntil(DateTime moment)
    {
        var left = moment - clock.GetUtcNow().UtcDateTime;
        return left <= TimeSpan.Zero ? "a moment"
            : left.TotalHours >= 1 ? $"{(int)left.TotalHours} h {left.Minutes} min"
            : $"{Math.Max(1, left.Minutes)} min";
    }

    /// <summary>The spending charts' data (last 30 days), loaded after the page by htmx.</summary>
    public async Task<IActionResult> OnGetChartsAsync(CancellationToken cancellationToken) =>
        Partial("_Charts", await spending.GetAsync(users.GetUserId(User)!, 30, cancellationToken));

    public async Task<IActionResult> OnGetActivityAsync(CancellationToken cancellationToken) =>
        Partial("_Activity", (await ledger.GetActivityAsync(users.GetUserId(User)!, new LedgerFilter { Limit = RecentCount }, cancellationToken)).Items);
}
