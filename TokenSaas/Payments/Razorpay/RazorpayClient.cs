using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace TokenSaas.Payments.Razorpay;

public sealed record RazorpayOrder(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("amount")] long Amount,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("status")] string? Status);

public sealed record RazorpayPayment(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("order_id")] string? OrderId);

/// <summary>The Razorpay calls TokenSaas makes (its SDK is not served here): create an order, list an order's payments.</summary>
public sealed class RazorpayClient(HttpClient http, IOptions<PaymentsOptions> options)
{
    private PaymentsOptions.RazorpayOptions Razorpay => options.Value.Razorpay;

    public async Task<RazorpayOrder> CreateOrderAsync(Payment payment, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, "/v1/orders");
        // receipt ≤ 40 characters and unique: our payment id is both.
        request.Content = JsonContent.Create(new
        {
            amount = payment.Amount,
            currency = payment.Currency,
            receipt = payment.Id,
            notes = new { payment_id = payment.Id },
        });
        return await SendAsync<RazorpayOrder>(request, cancellationToken);
    }

    /// <summary>Refunds a captured payment in full.</summary>
    public async Task RefundAsync(string paymentId, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, $"/v1/payments/{Uri.EscapeDataString(paymentId)}/refund");
        request.Content = JsonContent.Create(new { });
        await SendAsync<JsonElement>(request, cancellationToken);
    }

    public async Task<IReadOnlyList<RazorpayPayment>> OrderPaymentsAsync(string orderId, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, $"/v1/orders/{Uri.EscapeDataString(orderId)}/payments");
        return (await SendAsync<Collection>(request, cancellationToken)).Items ?? [];
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(new Uri(Razorpay.BaseUrl), path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Razorpay.KeyId}:{Razorpay.KeySecret}")));
        return request;
    }

    private async Task<T> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Razorpay answered {(int)response.StatusCode}: {body}");
        }

        return JsonSerializer.Deserialize<T>(body) ?? throw new HttpRequestException("Razorpay sent an empty answer.");
    }

    private sealed record Collection([property: JsonPropertyName("items")] List<RazorpayPayment>? Items);
}

/// <summary>Razorpay's in-page checkout for INR packs and plans: an order here, checkout.js in the browser, then verify.</summary>
public sealed class RazorpayGateway(RazorpayClient client, IOptions<PaymentsOptions> options) : IPaymentGateway
{
    public string Key => "razorpay";

    public string DisplayName => "UPI, cards, netbanking (Razorpay)";

    public bool Enabled => options.Value.Razorpay is { KeyId.Length: > 0, KeySecret.Length: > 0 };

    public IReadOnlySet<string> Currencies { get; } = new HashSet<string> { "INR" };

    public async Task<CheckoutOpening> OpenAsync(Payment payment, string returnBaseUrl, CancellationToken cancellationToken)
    {
        var order = await client.CreateOrderAsync(payment, cancellationToken);
        return new CheckoutOpening(order.Id, null,
            new { order_id = order.Id, key_id = options.Value.Razorpay.KeyId, amount = order.Amount, currency = order.Currency });
    }
}
