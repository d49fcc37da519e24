using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TokenSaas.Audit;
using TokenSaas.Infrastructure;
using TokenSaas.Ledger;

namespace TokenSaas.Pages.Admin.Ledger;

public sealed class VerifyModel(LedgerVerifier verifier, AuditVerifier auditVerifier) : PageModel
{
    public VerifyReport? Report { get; private set; }

    public AuditVerifyReport? AuditReport { get; private set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Report = await verifier.VerifyAsync(cancellationToken);
        AuditReport = await auditVerifier.VerifyAsync(cancellationToken);
        return Request.IsHtmx() ? Partial("_Report", this) : Page();
    }
}
