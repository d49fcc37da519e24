using Microsoft.AspNetCore.Mvc;
using TokenSaas.Audit;
using TokenSaas.Features;

namespace TokenSaas.Pages.Admin.Features;

public sealed class EditModel(FeatureConsole console, FeatureEditor features) : FeatureFormPage(console)
{
    [BindProperty(SupportsGet = true)]
    public string Key { get; set; } = string.Empty;

    public FeatureView Feature { get; private set; } = null!;

    public IReadOnlyList<FeatureCostChange> History { get; private set; } = [];

    public override string? EditedKey => Key;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Input = FeatureForm.From(Feature, Currency);
        return Page();
    }

    public async Task<IActionResult> OnPostReviewAsync(CancellationToken cancellationToken) =>
        !await LoadAsync(cancellationToken) ? NotFound() : Reviewed(await Console.ReviewAsync(Key, Input, cancellationToken));

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var (step, feature) = await Console.SaveAsync(Key, Input, AdminActor.From(HttpContext), cancellationToken);
        return Saved(step, feature?.Key);
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (await features.FindAsync(Key, cancellationToken) is not { } feature)
        {
            return false;
        }

        (Feature, History) = (feature, (await features.HistoryAsync(Key, cancellationToken))!);
        return true;
    }
}
