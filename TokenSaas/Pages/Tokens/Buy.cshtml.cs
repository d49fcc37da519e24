using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;
using TokenSaas.Identity;
using TokenSaas.Infrastructure;
using TokenSaas.Payments;

namespace TokenSaas.Pages.Tokens;

public sealed class BuyModel(PackCatalog catalog, CheckoutService checkout, AppDbContext db, UserManager<AppUser> users) : PageModel
{
    public IReadOnlyList<PackOffer> Offers { get; private set; } = [];

    public PackOffer? Selected { get; private set; }

    /// <summary>Made when the confirm step is shown, so a double click submits one checkout.</summary>
    public string CheckoutKey { get; private set; } = string.Empty;

    public string? Error { get; private set; }

    public Payment? Result { get; private set; }

    /// <summary>A Razorpay order to open with checkout.js in the page (Razorpay does not redirect).</summary>
    public CheckoutStarted? InPage { get; private set; }

    public IReadOnlyList<IPaymentGateway> Gateways => catalog.EnabledGateways;

    public async Task OnGetAsync(string? payment, CancellationToken cancellationToken)
    {
        Offers = await catalog.OffersAsync(cancellationToken);
        Result = payment is null ? null : await FindAsync(payment, cancellationToken);
    }

    /// <summary>The confirm step for one pack: in the modal (htmx) or as a page of its own.</summary>
    public async Task<IActionResult> OnGetConfirmAsync(string? pack, CancellationToken cancellationToken)
    {
        Offers = await catalog.OffersAsync(cancellationToken);
        Selected = Offers.FirstOrDefault(o => o.Pack.Key == pack);
        if (Selected is null)
        {
            return NotFound();
        }

        CheckoutKey = Guid.NewGuid().ToString("N");
        return Request.IsHtmx() ? Partial("_Confirm", this) : Page();
    }

    public async Task<IActionResult> OnPostCheckoutAsync(string? pack, string? gateway, string? key, CancellationToken cancellationToken)
    {
        var started = await checkout.StartAsync(users.GetUserId(User)!, PaymentKind.Pack, pack, gateway, key,
            $"{Request.Scheme}://{Request.Host}", cancellationToken);
        if (started.Value is { Opening.Order: not null } inPage)
        {
            InPage = inPage;
            return Request.IsHtmx() ? Partial("_Razorpay", this) : Page();
        }

        if (started.Value is { } opened)
        {
            return Navigate(opened.Opening.RedirectUrl ?? $"/tokens/buy?payment={opened.Payment.Id}");
        }

        Offers = await catalog.OffersAsync(cancellationToken);
        Selected = Offers.FirstOrDefault(o => o.Pack.Key == pack);
        Error = started.Failure!.Message;
        CheckoutKey = Guid.NewGuid().ToString("N");
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Request.IsHtmx() && Selected is not null ? Partial("_Confirm", this) : Page();
    }

    /// <summary>A payment's outcome, polled by the notice while the gateway has not answered yet.</summary>
    public async Task<IActionResult> OnGetStatusAsync(string payment, CancellationToken cancellationToken)
    {
        Result = await FindAsync(payment, cancellationToken);
        if (Result is null)
        {
            return NotFound();
        }

        if (Result.Status == PaymentStatus.Succeeded)
        {
            Response.Headers["HX-Trigger"] = Htmx.TokensChanged;
        }

        return Partial("_Result", Result);
    }

    // htmx would follow a redirect inside its request and swap the gateway's page into the modal;
    // it is told to navigate instead.
    private IActionResult Navigate(string url)
    {
        if (!Request.IsHtmx())
        {
            return Redirect(url);
        }

        Response.Headers["HX-Redirect"] = url;
        return new EmptyResult();
    }

    private Task<Payment?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User);
        return db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.UserId == userId, cancellationToken);
    }
}
