using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Ledger;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Audit;

/// <summary>Two app instances on one PostgreSQL database appending to one audit chain at once.</summary>
public sealed class AuditMultiInstanceTests(PostgresApp first) : TwoInstances(first)
{
    [Fact]
    public async Task Admin_acts_on_two_instances_at_once_leave_an_intact_chain_with_contiguous_ids()
    {
        var users = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => First.NewApiUserAsync()));
        var (countBefore, _) = await First.ChainShapeAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? First : (TestApp)Second)
            .WithScopeAsync(s => s.GetRequiredService<LedgerService>()
                .AllocateAsync(users[i % 4].UserId, 5, null, Admins.Act($"instance burst {i}")))));

        var (count, maxId) = await First.ChainShapeAsync();
        Assert.All(results, r => Assert.True(r.Succeeded, r.Failure?.Message));
        Assert.Equal(countBefore + 40, count);
        Assert.Equal(count, maxId);
        Assert.Null((await First.VerifyAuditAsync()).FirstBroken);
        Assert.Null((await Second.VerifyAuditAsync()).FirstBroken);
    }
}
