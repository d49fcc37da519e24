namespace TokenSaas.Ledger;

/// <summary>What an account can spend now: the sum of its live grants, bucket by bucket.</summary>
public sealed record TokenBalance(long Total, bool Unlimited, IReadOnlyDictionary<GrantBucket, long> Buckets)
{
    public long this[GrantBucket bucket] => Buckets.GetValueOrDefault(bucket);
}
