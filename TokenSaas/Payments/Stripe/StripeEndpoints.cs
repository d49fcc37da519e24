using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;
using TokenSaas.Identity;

namespace TokenSaas.Payments.Stripe;

/// <summary>The webhook, and where Stripe Checkout sends the buyer back (paid, or cancelled).</summary>
public static class StripeEndpoints
{
    public static void MapStripeEndpoints(this WebApplication app)
    {
        app.MapPost("/api/stripe/webhooks", (HttpRequest request, StripeWebhooks webhooks, CancellationToken ct) =>
            webhooks.HandleAsync(request, ct)).WithTags("webhooks").DisableAntiforgery()
            .WithSummary("Stripe events (signed with Stripe-Signature); deduped by event id.");

        var checkout = app.MapGroup("/checkout/stripe").RequireAuthorization().ExcludeFromDescription();
        checkout.MapGet("/return", async (string? session_id, HttpContext context, AppDbContext db, StripeClient stripe,
            Fulfillment fulfillment, Microsoft.AspNetCore.Identity.UserManager<AppUser> users, CancellationToken ct) =>
        {
            var userId = users.GetUserId(context.User);
            var payment = await db.Payments.AsNoTracking()
                .SingleOrDefaultAsync(p => p.Gateway == "stripe" && p.GatewayOrderId == session_id && p.UserId == userId, ct);
            if (payment is null)
            {
                return Results.Redirect("/tokens/buy");
            }

            // The browser's word is not proof: ask Stripe. The webhook settles it too, whichever comes first.
            var session = await stripe.GetSessionAsync(payment.GatewayOrderId!, ct);
            if (session.PaymentStatus is "paid" or "no_payment_required")
            {
                await fulfillment.PaidAsync(payment.Id, session.PaymentIntent, "stripe return", ct);
            }

            return Results.Redirect($"/tokens/buy?payment={payment.Id}");
        });
        checkout.MapGet("/cancel", async (string? payment, HttpContext context, AppDbContext db, Fulfillment fulfillment,
            Microsoft.AspNetCore.Identity.UserManager<AppUser> users, CancellationToken ct) =>
        {
            var userId = users.GetUserId(context.User);
            if (await db.Payments.AnyAsync(p => p.Id == payment && p.UserId == userId && p.Gateway == "stripe", ct))
            {
                await fulfillment.FailedAsync(payment!, "You cancelled the checkout.", "stripe cancel", ct);
                return Results.Redirect($"/tokens/buy?payment={payment}");
            }

            return Results.Redirect("/tokens/buy");
        });
    }
}
