using System.ComponentModel.DataAnnotations;

namespace TokenSaas.Payments;

public sealed class PaymentsOptions
{
    public const string Section = "Payments";

    /// <summary>Extra tokens, in percent, for a purchase at or above the threshold of its currency.</summary>
    [Range(0, 100)]
    public int BulkBonusPercent { get; set; } = 10;

    /// <summary>Per currency, in minor units: USD 5000 is $50 (seed 004), INR 400000 is ₹4,000.</summary>
    public Dictionary<string, long> BulkBonusThreshold { get; set; } = new() { ["USD"] = 5_000, ["INR"] = 400_000 };

    public SandboxOptions Sandbox { get; set; } = new();

    public StripeOptions Stripe { get; set; } = new();

    public RazorpayOptions Razorpay { get; set; } = new();

    public PayUOptions PayU { get; set; } = new();

    public sealed class SandboxOptions
    {
        /// <summary>True: on everywhere; false: off; unset: on except in Production.</summary>
        public bool? Enabled { get; set; }
    }

    public sealed class StripeOptions
    {
        public string? SecretKey { get; set; }

        public string? WebhookSecret { get; set; }

        public string BaseUrl { get; set; } = "https://api.stripe.com";
    }

    public sealed class RazorpayOptions
    {
        public string? KeyId { get; set; }

        public string? KeySecret { get; set; }

        public string? WebhookSecret { get; set; }

        public string BaseUrl { get; set; } = "https://api.razorpay.com";
    }

    public sealed class PayUOptions
    {
        public string? Key { get; set; }

        public string? Salt { get; set; }

        public string BaseUrl { get; set; } = "https://test.payu.in";
    }
}
