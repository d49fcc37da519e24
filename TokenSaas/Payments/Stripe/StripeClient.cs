using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace TokenSaas.Payments.Stripe;

public sealed record StripeSession(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("payment_status")] string? PaymentStatus,
    [property: JsonPropertyName("payment_intent")] string? PaymentIntent,
    [property: JsonPropertyName("client_reference_id")] string? ClientReferenceId);

/// <summary>The two Stripe calls TokenSaas makes (Stripe.net is not served here): create and read a Checkout Session.</summary>
public sealed class StripeClient(HttpClient http, IOptions<PaymentsOptions> options)
{
    private PaymentsOptions.StripeOptions Stripe => options.Value.Stripe;

    public async Task<StripeSession> CreateSessionAsync(Payment payment, string name, string successUrl, string cancelUrl,
        CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, "/v1/checkout/sessions");
        request.Headers.Add("Idempotency-Key", payment.Id);
        request.Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["mode"] = "payment",
            ["success_url"] = successUrl,
            ["cancel_url"] = cancelUrl,
            ["client_reference_id"] = payment.Id,
            ["metadata[payment_id]"] = payment.Id,
            ["payment_intent_data[metadata][payment_id]"] = payment.Id,
            ["line_items[0][quantity]"] = "1",
            ["line_items[0][price_data][currency]"] = payment.Currency.ToLowerInvariant(),
            ["line_items[0][price_data][unit_amount]"] = payment.Amount.ToString(CultureInfo.InvariantCulture),
            ["line_items[0][price_data][product_data][name]"] = name,
        });
        return await SendAsync(request, cancellationToken);
    }

    /// <summary>Refunds a payment intent in full; keyed so a retried refund is not made twice.</summary>
    public async Task RefundAsync(string paymentIntent, string paymentId, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, "/v1/refunds");
        request.Headers.Add("Idempotency-Key", $"refund:{paymentId}");
        request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["payment_intent"] = paymentIntent });
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Stripe refused the refund ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    public async Task<StripeSession> GetSessionAsync(string sessionId, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, $"/v1/checkout/sessions/{Uri.EscapeDataString(sessionId)}");
        return await SendAsync(request, cancellationToken);
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(new Uri(Stripe.BaseUrl), path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Stripe.SecretKey);
        return request;
    }

    private async Task<StripeSession> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            // Stripe's errors: {"error":{"type","message",…}}; the message is safe to log, the key never is.
            throw new HttpRequestException($"Stripe answered {(int)response.StatusCode}: {body}");
        }

        return JsonSerializer.Deserialize<StripeSession>(body) ?? throw new HttpRequestException("Stripe sent an empty answer.");
    }
}
