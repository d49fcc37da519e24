using System.Text;
using TokenSaas.Payments.Stripe;

namespace TokenSaas.Tests.Payments;

public sealed class StripeSignatureTests
{
    private const string Secret = "whsec_test_secret";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"id":"evt_1","type":"checkout.session.completed"}""");
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    [Fact]
    public void The_signature_is_hmac_sha256_of_timestamp_dot_body_in_lower_hex()
    {
        // Computed independently: printf '1800000000.{body}' | openssl dgst -sha256 -hmac whsec_test_secret
        Assert.Equal("t=1800000000,v1=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes("1800000000." + Encoding.UTF8.GetString(Body)))),
            StripeSignature.Header(1_800_000_000, Body, Secret));
        Assert.Null(StripeSignature.Verify(StripeSignature.Header(1_800_000_000, Body, Secret), Body, Secret, Now));
    }

    [Fact]
    public void Any_v1_may_match_during_a_secret_roll_and_v0_is_ignored()
    {
        var good = StripeSignature.Header(1_800_000_000, Body, Secret).Split(",v1=")[1];
        var header = $"t=1800000000,v0={good},v1={new string('0', 64)},v1={good}";

        Assert.Null(StripeSignature.Verify(header, Body, Secret, Now));
        Assert.NotNull(StripeSignature.Verify($"t=1800000000,v0={good}", Body, Secret, Now));
    }

    [Theory]
    [InlineData(null, "missing Stripe-Signature header")]
    [InlineData("", "missing Stripe-Signature header")]
    [InlineData("v1=abc", "malformed Stripe-Signature header")]
    [InlineData("t=notanumber,v1=0000000000000000000000000000000000000000000000000000000000000000", "malformed Stripe-Signature header")]
    public void Malformed_headers_are_refused(string? header, string problem) =>
        Assert.Equal(problem, StripeSignature.Verify(header, Body, Secret, Now));

    [Fact]
    public void A_changed_body_or_an_old_timestamp_is_refused()
    {
        var header = StripeSignature.Header(1_800_000_000, Body, Secret);

        Assert.Equal("signature mismatch", StripeSignature.Verify(header, [.. Body, (byte)' '], Secret, Now));
        Assert.Equal("timestamp outside the tolerance", StripeSignature.Verify(header, Body, Secret, Now.AddSeconds(301)));
        Assert.Null(StripeSignature.Verify(header, Body, Secret, Now.AddSeconds(299)));
    }
}
