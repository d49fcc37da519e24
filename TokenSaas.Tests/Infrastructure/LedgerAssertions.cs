using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Ledger;

namespace TokenSaas.Tests.Infrastructure;

public static class LedgerAssertions
{
    /// <summary>Rule 3 over the whole test database.</summary>
    public static Task<VerifyReport> VerifyAsync(this TestApp app) =>
        app.WithScopeAsync(s => s.GetRequiredService<LedgerVerifier>().VerifyAsync());
}
