using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TokenSaas.Data;
using TokenSaas.Identity;

namespace TokenSaas.Payments.PayU;

/// <summary>The page that posts the signed form to PayU, and the address PayU posts the result back to.</summary>
public static class PayUEndpoints
{
    public static void MapPayUEndpoints(this WebApplication app)
    {
        app.MapGet("/checkout/payu/{id}", FormAsync).RequireAuthorization().ExcludeFromDescription();
        // PayU posts here from its own site: no antiforgery token and no cookie (SameSite), so the
        // reverse hash is the only thing believed.
        app.MapPost("/checkout/payu/return", ReturnAsync).DisableAntiforgery().ExcludeFromDescription();
    }

    private static async Task<IResult> FormAsync(string id, HttpContext context, AppDbContext db, PayUGateway payu,
        UserManager<AppUser> users, IOptions<PaymentsOptions> options, CancellationToken ct)
    {
        var user = await users.GetUserAsync(context.User);
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.UserId == user!.Id && p.Gateway == "payu", ct);
        if (payment is null || !payu.Enabled)
        {
            return Results.NotFound();
        }

        var fields = payu.Fields(payment, user!.Email!);
        var back = $"{context.Request.Scheme}://{context.Request.Host}/checkout/payu/return";
        var inputs = new Dictionary<string, string>
        {
            ["key"] = fields.Key, ["txnid"] = fields.TxnId, ["amount"] = fields.Amount, ["productinfo"] = fields.ProductInfo,
            ["firstname"] = fields.FirstName, ["email"] = fields.Email, ["udf1"] = fields.Udf1, ["surl"] = back, ["furl"] = back,
            ["hash"] = PayUHash.Request(fields, options.Value.PayU.Salt!),
        };
        var html = System.Text.Encodings.Web.HtmlEncoder.Default;
        var hidden = string.Concat(inputs.Select(i => $"<input type=\"hidden\" name=\"{i.Key}\" value=\"{html.Encode(i.Value)}\">"));
        return Results.Content($"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Redirecting to PayU</title></head>
            <body><form id="payu" data-autosubmit method="post" action="{html.Encode(options.Value.PayU.BaseUrl.TrimEnd('/'))}/_payment">{hidden}
            <p>Taking you to PayU to pay… <button type="submit">Continue</button></p></form>
            <script src="/js/security.js"></script></body></html>
            """, "text/html");
    }

    private static async Task<IResult> ReturnAsync(HttpRequest request, AppDbContext db, PayUGateway payu, Fulfillment fulfillment,
        GatewayEvents events, IOptions<PaymentsOptions> options, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return Results.BadRequest("Expected PayU's form post.");
        }

        var form = await request.ReadFormAsync(ct);
        var paymentId = form["udf1"].ToString();
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == paymentId && p.Gateway == "payu", ct);
        if (payment is null || !payu.Enabled)
        {
            return Results.BadRequest("Unknown payment.");
        }

        // Believe only what the salt signed, recomputed from our own record of the payment.
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == payment.UserId, ct);
        var status = form["status"].ToString();
        var expected = PayUHash.Response(payu.Fields(payment, user.Email!), status, options.Value.PayU.Salt!);
        if (!PayUHash.Matches(form["hash"], expected))
        {
            return Results.BadRequest("The payment result could not be verified.");
        }

        var mihpayid = form["mihpayid"].ToString();
        var (logged, done) = await events.RecordAsync("payu", $"{mihpayid}:{status}", $"return {status}",
            string.Join('&', form.Select(f => $"{f.Key}={f.Value}")), ct);
        if (!done)
        {
            var outcome = status == "success"
                ? await fulfillment.PaidAsync(payment.Id, mihpayid, "payu return", ct)
                : await fulfillment.FailedAsync(payment.Id, form["error_Message"].ToString() is { Length: > 0 } m ? m : "The payment failed.", "payu return", ct);
            await events.CompleteAsync(logged, payment.Id, outcome?.Status.ToString() ?? "unknown", ct);
        }

        return Results.Redirect($"/tokens/buy?payment={payment.Id}");
    }
}
