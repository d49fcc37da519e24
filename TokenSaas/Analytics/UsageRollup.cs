namespace TokenSaas.Analytics;

/// <summary>
/// A closed day's ledger entries summed by type, bucket and feature (days cut in the site's time
/// zone), so a range's charts read a few rows per day instead of every entry. Written whole for a
/// day once the day is over (see <see cref="RolledDay"/>); today is always read from the ledger.
/// </summary>
public sealed class UsageDay
{
    public DateOnly Day { get; set; }

    /// <summary>The ledger entry type, as stored (snake_case: "spend", "grant", …).</summary>
    public string Type { get; set; } = string.Empty;

    /// <summary>The grant bucket, as stored; "" when the entry has none.</summary>
    public string Bucket { get; set; } = string.Empty;

    /// <summary>The feature key; "" when the entry has none.</summary>
    public string Feature { get; set; } = string.Empty;

    public long Entries { get; set; }

    /// <summary>The sum of the entries' signed amounts.</summary>
    public long Tokens { get; set; }

    /// <summary>For spends: the sum of quantities (uses).</summary>
    public long Uses { get; set; }
}

/// <summary>An account that had a spend on a closed day: active users over a range are the distinct accounts here.</summary>
public sealed class ActiveDay
{
    public DateOnly Day { get; set; }

    public long AccountId { get; set; }
}

/// <summary>A day whose <see cref="UsageDay"/> and <see cref="ActiveDay"/> rows are complete.</summary>
public sealed class RolledDay
{
    public DateOnly Day { get; set; }

    public DateTime RolledAt { get; set; }
}
