using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Audit;
using TokenSaas.Ledger;

namespace TokenSaas.Tests.Infrastructure;

/// <summary>Arranging and reading the audit log from tests.</summary>
public static class AuditLogs
{
    public static Task<AuditVerifyReport> VerifyAuditAsync(this TestApp app) =>
        app.WithScopeAsync(s => s.GetRequiredService<AuditVerifier>().VerifyAsync());

    public static Task<List<AuditEntry>> AuditRowsAsync(this TestApp app, string targetId) =>
        app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.TargetId == targetId).OrderBy(e => e.Id).ToListAsync());

    /// <summary>How many rows the log holds and its highest id: equal when the ids run 1, 2, 3 … with no gap.</summary>
    public static Task<(long Count, long MaxId)> ChainShapeAsync(this TestApp app) =>
        app.WithDbAsync(async db => ((long)await db.AuditEntries.CountAsync(), await db.AuditEntries.MaxAsync(e => (long?)e.Id) ?? 0));

    /// <summary>An admin allocation through the ledger, which writes its audit row; fails the test if refused.</summary>
    public static async Task AllocateAsync(this TestApp app, string userId, AdminAct act, long amount = 50)
    {
        var result = await app.WithScopeAsync(s => s.GetRequiredService<LedgerService>().AllocateAsync(userId, amount, null, act));
        Assert.True(result.Succeeded, result.Failure?.Message);
    }

    /// <summary>A user who bought the 100-token sandbox pack through the site; returns their id and the payment's.</summary>
    public static async Task<(string UserId, string PaymentId)> SandboxPurchaseAsync(this TestApp app)
    {
        var email = Users.NewEmail();
        var buyer = await app.SignedUpAsync(email);
        var checkout = await buyer.SubmitFormAsync("/tokens/buy?handler=Confirm&pack=inr_100", new Dictionary<string, string>(),
            "[data-testid=buy-modal] form");
        await buyer.SubmitFormAsync(checkout.Location()!, new Dictionary<string, string>(), "main form", "[data-testid=sandbox-pay]");
        return await app.WithDbAsync(async db =>
        {
            var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            return (userId, await db.Payments.Where(p => p.UserId == userId).Select(p => p.Id).SingleAsync());
        });
    }
}
