using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TokenSaas.Payments.Stripe;

/// <summary>
/// Stripe's webhook signature: header "t=…,v1=…[,v1=…]", HMAC-SHA256 over "t.body" keyed with
/// the whole webhook secret, any v1 may match (secret rolls), and t within five minutes.
/// Checked on the raw bytes before anything is parsed.
/// </summary>
public static class StripeSignature
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static string? Verify(string? header, byte[] body, string secret, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(header))
        {
            return "missing Stripe-Signature header";
        }

        long? timestamp = null;
        var signatures = new List<byte[]>();
        foreach (var item in header.Split(','))
        {
            var at = item.IndexOf('=');
            if (at <= 0)
            {
                continue;
            }

            var (name, value) = (item[..at].Trim(), item[(at + 1)..].Trim());
            if (name == "t" && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                timestamp = t;
            }
            else if (name == "v1" && value.Length == 64 && value.All(Uri.IsHexDigit))
            {
                signatures.Add(Convert.FromHexString(value));
            }
        }

        if (timestamp is null || signatures.Count == 0)
        {
            return "malformed Stripe-Signature header";
        }

        if (Math.Abs(now.ToUnixTimeSeconds() - timestamp.Value) > Tolerance.TotalSeconds)
        {
            return "timestamp outside the tolerance";
        }

        var expected = Sign(timestamp.Value, body, secret);
        return signatures.Any(s => CryptographicOperations.FixedTimeEquals(s, expected)) ? null : "signature mismatch";
    }

    public static byte[] Sign(long timestamp, byte[] body, string secret)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        byte[] message = [.. prefix, .. body];
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
    }

    public static string Header(long timestamp, byte[] body, string secret) =>
        $"t={timestamp},v1={Convert.ToHexStringLower(Sign(timestamp, body, secret))}";
}
