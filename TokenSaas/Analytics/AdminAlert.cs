namespace TokenSaas.Analytics;

/// <summary>
/// One episode of something unusual an admin should look at: a user spending far above their own
/// baseline, or a spike of failed payments. An episode stays open (one row, its figures updated)
/// while the condition holds, so it alerts once; it ends when the condition clears, and the next
/// time it holds is a new episode. At most one open episode per kind and subject (a unique index).
/// </summary>
public sealed class AdminAlert
{
    public const string UnusualSpend = "unusual_spend";
    public const string FailedPayments = "failed_payments";

    public long Id { get; set; }

    /// <summary><see cref="UnusualSpend"/> or <see cref="FailedPayments"/>.</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>What the episode is about: a user's id for spend, "payments" (or a gateway) for failures.</summary>
    public string Subject { get; set; } = string.Empty;

    public string? UserId { get; set; }

    /// <summary>"hour" or "day": the window the figure was measured over.</summary>
    public string Window { get; set; } = string.Empty;

    /// <summary>The figure that crossed the line (tokens spent, failed payments) at its highest in the episode.</summary>
    public long Observed { get; set; }

    /// <summary>The line it crossed (k × baseline, or the floor).</summary>
    public long Threshold { get; set; }

    /// <summary>What an admin reads: "Spent 1,500 tokens in the last hour, 50× their usual 30."</summary>
    public string Detail { get; set; } = string.Empty;

    public DateTime StartedAt { get; set; }

    public DateTime LastSeenAt { get; set; }

    /// <summary>When the condition was last seen to have cleared; null while the episode is open.</summary>
    public DateTime? EndedAt { get; set; }

    public DateTime? AcknowledgedAt { get; set; }

    public string? AcknowledgedBy { get; set; }
}
