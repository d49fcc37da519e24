using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Audit;
using TokenSaas.Data;
using TokenSaas.Payments;

namespace TokenSaas.Pages.Admin.Payments;

public sealed class IndexModel(AppDbContext db, Refunds refunds) : PageModel
{
    private const int Shown = 50;

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    public IReadOnlyList<(Payment Payment, string? Email)> Payments { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var query = db.Payments.AsNoTracking();
        if (SnakeCaseEnumConverter<PaymentStatus>.TryParse(Status, out var status))
        {
            query = query.Where(p => p.Status == status);
        }

        Payments = (await query.OrderByDescending(p => p.CreatedAt).Take(Shown)
                .Join(db.Users, p => p.UserId, u => u.Id, (p, u) => new { Payment = p, u.Email }).ToListAsync(cancellationToken))
            .Select(x => (x.Payment, x.Email)).ToList();
    }

    public async Task<IActionResult> OnPostRefundAsync(string id, string? reason, CancellationToken cancellationToken)
    {
        var result = await refunds.RefundAsync(id, AdminActor.From(HttpContext), reason, cancellationToken);
        TempData["StatusMessage"] = result.Failure is { } failure
            ? $"Not refunded: {failure.Message.TrimEnd('.')}."
            : result.Value!.RefundShortfall > 0
                ? $"Refunded {id}. {result.Value.RefundShortfall:N0} token(s) had already been spent and could not be taken back."
                : $"Refunded {id}; its tokens were taken back.";
        return LocalRedirect("/admin/payments");
    }
}
