using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Payments;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Promotions;

/// <summary>What a buyer does in a browser: opens the buy modal, types a code, pays in the sandbox.</summary>
public static class CheckoutSteps
{
    public static async Task<(HttpClient Client, string UserId)> BuyerAsync(this TestApp app)
    {
        var email = Users.NewEmail();
        var client = await app.SignedUpAsync(email);
        return (client, await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync()));
    }

    /// <summary>The live quote as htmx asks for it while the code is typed.</summary>
    public static async Task<IHtmlDocument> TypeCodeAsync(this HttpClient client, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("HX-Request", "true");
        var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}");
        return await response.ReadHtmlAsync();
    }

    public static Task<IHtmlDocument> QuotePackAsync(this HttpClient client, string pack, string currency, string code) =>
        client.TypeCodeAsync($"/tokens/buy?handler=Quote&pack={pack}&currency={currency}&promo_code={Uri.EscapeDataString(code)}");

    /// <summary>Submits the buy modal for <paramref name="pack"/> with <paramref name="code"/> in the promo field.</summary>
    public static Task<HttpResponseMessage> CheckOutAsync(this HttpClient client, string pack, string code) =>
        client.SubmitFormAsync($"/tokens/buy?handler=Confirm&pack={pack}&currency=INR", new Dictionary<string, string> { ["promo_code"] = code },
            "[data-testid=buy-modal] form");

    /// <summary>Pays an opened sandbox checkout and answers the payment result page.</summary>
    public static async Task<IHtmlDocument> PayInSandboxAsync(this HttpClient client, HttpResponseMessage checkout)
    {
        Assert.StartsWith("/checkout/sandbox/", checkout.Location());
        var paid = await client.SubmitFormAsync(checkout.Location()!, new Dictionary<string, string>(), "main form", "[data-testid=sandbox-pay]");
        return await client.GetHtmlAsync(paid.Location()!);
    }

    public static Task<Payment> PaymentAsync(this TestApp app, HttpResponseMessage checkout) =>
        app.WithDbAsync(db => db.Payments.AsNoTracking().SingleAsync(p => p.Id == checkout.Location()!.Split('/').Last()));

    public static string Text(this IHtmlDocument page, string selector) =>
        System.Text.RegularExpressions.Regex.Replace(page.QuerySelector(selector)?.TextContent ?? string.Empty, @"\s+", " ").Trim();
}
