using System.ComponentModel.DataAnnotations;

namespace TokenSaas.Analytics;

public sealed class AnalyticsOptions
{
    public const string Section = "Analytics";

    /// <summary>The currency admins count our own costs in (a feature's cost per use, in its minor unit) and margins against.</summary>
    [Required]
    [RegularExpression("^[A-Z]{3}$", ErrorMessage = "Analytics:Currency must be an ISO 4217 code such as INR or USD.")]
    public string Currency { get; set; } = "INR";
}
