using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;

namespace TokenSaas.Features;

/// <summary>
/// The features and their costs, read from the database and kept in memory: every spend
/// needs a cost, and costs change rarely. <see cref="Invalidate"/> after an edit.
/// </summary>
public sealed class FeatureCatalog(IServiceScopeFactory scopes, TimeProvider clock)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);
    private volatile Snapshot? snapshot;
    private int version;

    public async ValueTask<Feature?> FindAsync(string key, CancellationToken cancellationToken = default)
    {
        var features = await LoadAsync(cancellationToken);
        return features.ByKey.GetValueOrDefault(key);
    }

    /// <summary>Active features in display order.</summary>
    public async ValueTask<IReadOnlyList<Feature>> AllAsync(CancellationToken cancellationToken = default) =>
        (await LoadAsync(cancellationToken)).Ordered;

    /// <summary>Every feature's name by key, retired ones included: history and charts name what was used then.</summary>
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Features.AsNoTracking()
            .ToDictionaryAsync(f => f.Key, f => f.Name, StringComparer.Ordinal, cancellationToken);
    }

    /// <summary>A feature's name for display; a key the catalogue does not know reads "Create website".</summary>
    public static string Name(IReadOnlyDictionary<string, string> names, string key) =>
        names.GetValueOrDefault(key) ?? (key.Length == 0 ? key : char.ToUpperInvariant(key[0]) + key[1..].Replace('_', ' '));

    public void Invalidate()
    {
        Interlocked.Increment(ref version);
        snapshot = null;
    }

    private async ValueTask<Snapshot> LoadAsync(CancellationToken cancellationToken)
    {
        var current = snapshot;
        var now = clock.GetUtcNow();
        if (current is not null && now - current.LoadedAt < MaxAge)
        {
            return current;
        }

        var loading = Volatile.Read(ref version);
        await using var scope = scopes.CreateAsyncScope();
        var features = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Features.AsNoTracking()
            .Where(f => f.Active).OrderBy(f => f.SortOrder).ThenBy(f => f.Key).ToListAsync(cancellationToken);
        var loaded = new Snapshot(now, features, features.ToDictionary(f => f.Key, StringComparer.Ordinal));
        // A load that began before an edit's Invalidate may have read the old costs: use it once, do not keep it.
        if (Volatile.Read(ref version) == loading)
        {
            snapshot = loaded;
        }

        return loaded;
    }

    private sealed record Snapshot(DateTimeOffset LoadedAt, IReadOnlyList<Feature> Ordered, IReadOnlyDictionary<string, Feature> ByKey);
}
