using System.ComponentModel.DataAnnotations;

namespace TokenSaas.Analytics;

/// <summary>
/// When something is unusual enough to tell an admin (Analytics:Alerts). A figure alerts when it
/// is above both <c>factor × its own baseline</c> and an absolute floor, so a quiet user's first
/// busy hour does not page anyone, and neither does a heavy user's ordinary one.
/// </summary>
public sealed class AlertsOptions
{
    public const string Section = "Analytics:Alerts";

    /// <summary>How many times a user's usual rate counts as unusual (hour and day alike).</summary>
    [Range(1.0, 1000.0, ErrorMessage = "Analytics:Alerts:SpendFactor must be from 1 to 1,000.")]
    public double SpendFactor { get; set; } = 10;

    /// <summary>Tokens spent in one hour below which nothing alerts, whatever the baseline.</summary>
    [Range(1, long.MaxValue, ErrorMessage = "Analytics:Alerts:HourlySpendFloor must be at least 1.")]
    public long HourlySpendFloor { get; set; } = 100;

    /// <summary>Tokens spent in 24 hours below which nothing alerts.</summary>
    [Range(1, long.MaxValue, ErrorMessage = "Analytics:Alerts:DailySpendFloor must be at least 1.")]
    public long DailySpendFloor { get; set; } = 1_000;

    /// <summary>The trailing window the usual rate is averaged over (before the hour or day measured).</summary>
    [Range(1, 90, ErrorMessage = "Analytics:Alerts:BaselineDays must be from 1 to 90.")]
    public int BaselineDays { get; set; } = 7;

    [Range(1.0, 1000.0, ErrorMessage = "Analytics:Alerts:FailedPaymentsFactor must be from 1 to 1,000.")]
    public double FailedPaymentsFactor { get; set; } = 5;

    /// <summary>Failed payments in one hour below which nothing alerts.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Analytics:Alerts:FailedPaymentsFloor must be from 1 to 1,000,000.")]
    public int FailedPaymentsFloor { get; set; } = 5;

    /// <summary>
    /// How long after a spend its user is checked: spends arriving meanwhile are checked together,
    /// so a burst costs one check, not one per spend.
    /// </summary>
    [Range(0, 300, ErrorMessage = "Analytics:Alerts:CheckDelaySeconds must be from 0 to 300.")]
    public double CheckDelaySeconds { get; set; } = 5;
}
