using Microsoft.AspNetCore.Mvc;
using TokenSaas.Audit;
using TokenSaas.Features;

namespace TokenSaas.Pages.Admin.Features;

public sealed class NewModel(FeatureConsole console) : FeatureFormPage(console)
{
    public override string? EditedKey => null;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostReviewAsync(CancellationToken cancellationToken) =>
        Reviewed(await Console.ReviewAsync(null, Input, cancellationToken));

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        var (step, feature) = await Console.SaveAsync(null, Input, AdminActor.From(HttpContext), cancellationToken);
        return Saved(step, feature?.Key);
    }
}
