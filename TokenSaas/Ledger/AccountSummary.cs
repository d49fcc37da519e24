using TokenSaas.Features;

namespace TokenSaas.Ledger;

/// <summary>Everything the dashboard shows about one account, read in one go.</summary>
public sealed record AccountSummary(
    TokenBalance Balance,
    PlanUsage Plan,
    IReadOnlyList<LedgerEntry> Recent,
    long DailyTokens,
    DateTime? NextDailyReset,
    Feature? CreateWebsite)
{
    /// <summary>Seed 001's indicator: can the user create a website right now?</summary>
    public bool ReadyToCreate => CreateWebsite is { } feature && (Balance.Unlimited || Balance.Total >= feature.Cost);
}

public sealed class AccountSummaries(LedgerService ledger, FeatureCatalog features)
{
    public const string CreateWebsiteFeature = "create_website";

    public async Task<AccountSummary> GetAsync(string userId, int recent, CancellationToken cancellationToken = default)
    {
        var plan = await ledger.GetUsageAsync(userId, cancellationToken);
        var balance = await ledger.GetBalanceAsync(userId, cancellationToken);
        var entries = await ledger.GetRecentEntriesAsync(userId, recent, cancellationToken);
        var daily = await ledger.GetDailyStatusAsync(userId, cancellationToken);
        return new AccountSummary(balance, plan, entries, daily.DailyTokens, daily.NextReset,
            await features.FindAsync(CreateWebsiteFeature, cancellationToken));
    }
}
