using TokenSaas.Ledger;

namespace TokenSaas.Api;

public static class AdminLedgerEndpoints
{
    public static void MapAdminLedgerEndpoints(this RouteGroupBuilder admin) =>
        admin.MapGet("/ledger/verify", async (LedgerVerifier verifier, CancellationToken ct) =>
            {
                var report = await verifier.VerifyAsync(ct);
                return Results.Json(new
                {
                    accounts_checked = report.AccountsChecked,
                    mismatches = report.Mismatches.Select(m => new
                    {
                        account_id = m.AccountId,
                        user_id = m.UserId,
                        cached_balance = m.CachedBalance,
                        entries_sum = m.EntriesSum,
                        grants_sum = m.GrantsSum,
                        last_balance_after = m.LastBalanceAfter,
                        negative_grants = m.NegativeGrants,
                    }),
                });
            })
            .WithSummary("Check every account: cached balance = sum of entries = sum of grant remainders.");
}
