using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TokenSaas.Features;
using TokenSaas.Identity;
using TokenSaas.Ledger;
using TokenSaas.Studio;

namespace TokenSaas.Pages.Studio;

public sealed class IndexModel(FeatureCatalog features, LedgerService ledger, StudioService studio, UserManager<AppUser> users) : PageModel
{
    public IReadOnlyList<Feature> Features { get; private set; } = [];

    public TokenBalance Balance { get; private set; } = null!;

    public IReadOnlyList<Project> Projects { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User)!;
        Features = (await features.AllAsync(cancellationToken)).Where(f => studio.Runs(f.Key)).ToList();
        Balance = await ledger.GetBalanceAsync(userId, cancellationToken);
        Projects = await studio.RecentAsync(userId, 5, cancellationToken);
    }

    public string FeatureName(string key) => Features.FirstOrDefault(f => f.Key == key)?.Name ?? key;

    public bool CanRun(Feature feature) => Balance.Unlimited || Balance.Total >= feature.Cost;
}
