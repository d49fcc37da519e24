using System.Collections.Concurrent;

namespace TokenSaas.Ledger.Writing;

/// <summary>
/// User id → account id, remembered once committed (the mapping never changes), so the hot
/// path does not look the account up on every spend.
/// </summary>
public sealed class AccountDirectory
{
    private readonly ConcurrentDictionary<string, long> committed = new(StringComparer.Ordinal);

    public long? Find(string userId) => committed.TryGetValue(userId, out var id) ? id : null;

    internal Batch StartBatch() => new(this);

    /// <summary>What one writer transaction learned; it joins the directory only if that transaction commits.</summary>
    internal sealed class Batch(AccountDirectory directory)
    {
        private readonly Dictionary<string, long> pending = new(StringComparer.Ordinal);

        public long? Find(string userId) => directory.Find(userId) ?? (pending.TryGetValue(userId, out var id) ? id : null);

        public long Remember(string userId, long accountId)
        {
            pending[userId] = accountId;
            return accountId;
        }

        public void Commit()
        {
            foreach (var (userId, id) in pending)
            {
                directory.committed[userId] = id;
            }
        }
    }
}
