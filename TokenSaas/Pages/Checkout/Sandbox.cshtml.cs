using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;
using TokenSaas.Identity;
using TokenSaas.Payments;
using TokenSaas.Payments.Sandbox;

namespace TokenSaas.Pages.Checkout;

public sealed class SandboxModel(AppDbContext db, Fulfillment fulfillment, SandboxGateway sandbox, UserManager<AppUser> users)
    : PageModel
{
    public Payment? Payment { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostPayAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        await fulfillment.PaidAsync(id, "sbx_pay_" + id[4..], "sandbox", cancellationToken);
        return LocalRedirect($"/tokens/buy?payment={id}");
    }

    public async Task<IActionResult> OnPostFailAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        await fulfillment.FailedAsync(id, "The sandbox declined the payment.", "sandbox", cancellationToken);
        return LocalRedirect($"/tokens/buy?payment={id}");
    }

    // Only the buyer's own sandbox payments, and only while the sandbox is on.
    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User);
        Payment = sandbox.Enabled
            ? await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.UserId == userId && p.Gateway == sandbox.Key, cancellationToken)
            : null;
        return Payment is not null;
    }
}
