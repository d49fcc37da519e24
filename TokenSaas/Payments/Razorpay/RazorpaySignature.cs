using System.Security.Cryptography;
using System.Text;

namespace TokenSaas.Payments.Razorpay;

/// <summary>Razorpay's two HMAC-SHA256 checks, compared in constant time.</summary>
public static class RazorpaySignature
{
    /// <summary>Checkout's razorpay_signature: HMAC(order_id + "|" + payment_id) keyed with the key secret; the order id is ours.</summary>
    public static string Payment(string orderId, string paymentId, string keySecret) => Hex(keySecret, $"{orderId}|{paymentId}");

    /// <summary>X-Razorpay-Signature: HMAC of the raw body keyed with the webhook secret (not the key secret).</summary>
    public static string Webhook(byte[] body, string webhookSecret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(webhookSecret), body));

    public static bool Matches(string? presented, string expected) =>
        presented is { Length: 64 } && presented.All(Uri.IsHexDigit)
        && CryptographicOperations.FixedTimeEquals(Convert.FromHexString(presented), Convert.FromHexString(expected));

    private static string Hex(string key, string message) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(message)));
}
