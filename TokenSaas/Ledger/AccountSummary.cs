using TokenSaas.Features;

namespace TokenSaas.Ledger;

/// <summary>Everything the dashboard shows about one account, read in one go.</summary>
public sealed record AccountSummary(
    TokenBalance Balance,
    PlanUsage Plan,
    IReadOnlyList<ActivityRow> Recent,
    long DailyTokens,
    DateTime? NextDailyReset,
    Feature? CreateWebsite,
    IReadOnlyList<Feature> Features,
    long LowBalanceThreshold)
{
    public bool LowBalance => !Balance.Unlimited && Balance.Total < LowBalanceThreshold;

    public bool CanRun(Feature feature) => Balance.Unlimited || Balance.Total >= feature.Cost;

    /// <summary>Seed 001's indicator: can the user create a website right now?</summary>
    public bool ReadyToCreate => CreateWebsite is { } feature && CanRun(feature);
}

public sealed class AccountSummaries(LedgerService ledger, FeatureCatalog features,
    Microsoft.Extensions.Options.IOptions<TokensOptions> options)
{
    public const string CreateWebsiteFeature = "create_website";

    public async Task<AccountSummary> GetAsync(string userId, int recent, CancellationToken cancellationToken = default)
    {
        var plan = await ledger.GetUsageAsync(userId, cancellationToken);
        var balance = await ledger.GetBalanceAsync(userId, cancellationToken);
        var entries = (await ledger.GetActivityAsync(userId, new LedgerFilter { Limit = recent }, cancellationToken)).Items;
        var daily = await ledger.GetDailyStatusAsync(userId, cancellationToken);
        return new AccountSummary(balance, plan, entries, daily.DailyTokens, daily.NextReset,
            await features.FindAsync(CreateWebsiteFeature, cancellationToken), await features.AllAsync(cancellationToken),
            options.Value.LowBalanceThreshold);
    }
}
