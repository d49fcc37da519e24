using Microsoft.AspNetCore.Mvc;
using TokenSaas.Audit;
using TokenSaas.Payments;

namespace TokenSaas.Pages.Admin.Packs;

public sealed class NewModel(PackConsole console, PackEditor packs) : PackFormPage(packs)
{
    public override string? EditedKey => null;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostReviewAsync(CancellationToken cancellationToken) =>
        Reviewed(await console.ReviewAsync(null, Input, cancellationToken));

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        var (step, pack) = await console.SaveAsync(null, Input, AdminActor.From(HttpContext), cancellationToken);
        return Saved(step, pack?.Key);
    }
}
