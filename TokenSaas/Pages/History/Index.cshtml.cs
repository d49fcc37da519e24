using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TokenSaas.Identity;
using TokenSaas.Infrastructure;
using TokenSaas.Ledger;
using TokenSaas.Payments;

namespace TokenSaas.Pages.History;

public sealed class IndexModel(LedgerService ledger, PaymentHistory payments, UserManager<AppUser> users, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public HistoryQuery Query { get; set; } = new();

    public ActivityPage Entries { get; private set; } = new([], null);

    public IReadOnlyList<Payment> Purchases { get; private set; } = [];

    /// <summary>The page from a cursor: in full, or (htmx "Load more") just the next rows.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Query.InWords = true;
        var (filter, errors) = Query.ToFilter();
        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError($"{nameof(Query)}.{field}", message);
        }

        if (filter is not null)
        {
            Entries = await ledger.GetActivityAsync(users.GetUserId(User)!, filter, cancellationToken);
        }

        if (Request.IsHtmx() && Query.After is not null)
        {
            return Partial("_Rows", this);
        }

        Purchases = await payments.RecentAsync(users.GetUserId(User)!, 10, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        Query.InWords = true;
        var (filter, errors) = Query.ToFilter(LedgerFilter.MaxLimit);
        if (filter is null)
        {
            return BadRequest(string.Join(" ", errors.Values));
        }

        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"token-history-{clock.GetUtcNow():yyyyMMdd}.csv\"";
        await LedgerCsv.WriteAsync(Response.Body, ledger, users.GetUserId(User)!, filter, cancellationToken);
        return new EmptyResult();
    }
}
