namespace TokenSaas.Ledger;

/// <summary>A grant as the spend path sees it.</summary>
public readonly record struct SpendableGrant(long Id, GrantBucket Bucket, long Remaining, DateTime? ExpiresAt)
{
    public bool IsExpired(DateTime now) => ExpiresAt <= now;
}

/// <summary>Which grants pay for a debit, and how much each.</summary>
public readonly record struct Allocation(long GrantId, long Amount);

/// <summary>
/// What is spent first: daily → plan → bonus → purchased (the order in which they disappear:
/// daily tokens at midnight, plan quota at the month's end, bonuses when they expire, purchased
/// never); within a bucket the soonest expiry first, then the oldest grant.
/// </summary>
public static class SpendingOrder
{
    public static List<SpendableGrant> Order(IEnumerable<SpendableGrant> grants) =>
        grants.OrderBy(g => g.Bucket)
            .ThenBy(g => g.ExpiresAt ?? DateTime.MaxValue)
            .ThenBy(g => g.Id)
            .ToList();

    /// <summary>Takes <paramref name="amount"/> from the live grants in spending order, or null when they hold too little.</summary>
    public static List<Allocation>? Allocate(IEnumerable<SpendableGrant> grants, long amount, DateTime now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        var allocations = new List<Allocation>();
        var left = amount;
        foreach (var grant in Order(grants.Where(g => g.Remaining > 0 && !g.IsExpired(now))))
        {
            if (left == 0)
            {
                break;
            }

            var take = Math.Min(left, grant.Remaining);
            allocations.Add(new Allocation(grant.Id, take));
            left -= take;
        }

        return left == 0 ? allocations : null;
    }

    public static long Live(IEnumerable<SpendableGrant> grants, DateTime now) =>
        grants.Where(g => g.Remaining > 0 && !g.IsExpired(now)).Sum(g => g.Remaining);
}
