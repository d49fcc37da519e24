using Xunit.Abstractions;

[assembly: TestCollectionOrderer("TokenSaas.E2E.Infrastructure.LongestFirst", "TokenSaas.E2E")]

namespace TokenSaas.E2E.Infrastructure;

/// <summary>
/// Starts the two shared sites' collections (most of the journeys) first and the clocked sites'
/// single classes after them, so the run does not end with one long collection on one core.
/// </summary>
public sealed class LongestFirst : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections
            .OrderBy(collection => collection.DisplayName switch
            {
                SiteCollection.Name => 0,
                AdminSiteCollection.Name => 1,
                _ => 2,
            })
            .ThenBy(collection => collection.DisplayName, StringComparer.Ordinal);
}
