using System.ComponentModel.DataAnnotations;

namespace TokenSaas.Ledger;

public sealed class TokensOptions : IValidatableObject
{
    public const string Section = "Tokens";

    /// <summary>Bonus tokens every new account starts with.</summary>
    [Range(0, 1_000_000)]
    public long WelcomeBonus { get; set; } = 10;

    /// <summary>The daily allowance: refilled to this many tokens at midnight (unused ones do not add up); 0 turns it off.</summary>
    [Range(0, 1_000_000)]
    public long DailyFree { get; set; } = 5;

    /// <summary>The site's time zone for days and months (IANA or Windows id).</summary>
    [Required]
    public string TimeZone { get; set; } = "UTC";

    /// <summary>How long held tokens stay reserved before they are released automatically.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan HoldTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long after a spend its user may refund it themselves (admins and the API key have no limit).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan RefundWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Ledger writer threads on PostgreSQL (SQLite always has one: it has one write lock). One
    /// measured best here: more lanes mean more, smaller commits, each waiting for a WAL flush.
    /// </summary>
    [Range(1, 64)]
    public int PostgresWriters { get; set; } = 1;

    /// <summary>Below this balance the dashboard warns and offers to buy (seed 004: 20).</summary>
    [Range(0, 1_000_000)]
    public long LowBalanceThreshold { get; set; } = 20;

    /// <summary>The most units one spend or hold may ask for.</summary>
    [Range(1, 1_000_000)]
    public int MaxQuantity { get; set; } = 1000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new ValidationResult($"Tokens:TimeZone '{TimeZone}' is not a known time zone (try e.g. 'Asia/Kolkata').",
                [nameof(TimeZone)]);
        }
    }
}
