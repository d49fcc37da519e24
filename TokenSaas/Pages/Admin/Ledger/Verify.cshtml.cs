using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TokenSaas.Infrastructure;
using TokenSaas.Ledger;

namespace TokenSaas.Pages.Admin.Ledger;

public sealed class VerifyModel(LedgerVerifier verifier) : PageModel
{
    public VerifyReport? Report { get; private set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Report = await verifier.VerifyAsync(cancellationToken);
        return Request.IsHtmx() ? Partial("_Report", Report) : Page();
    }
}
