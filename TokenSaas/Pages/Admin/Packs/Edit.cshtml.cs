using Microsoft.AspNetCore.Mvc;
using TokenSaas.Audit;
using TokenSaas.Payments;

namespace TokenSaas.Pages.Admin.Packs;

public sealed class EditModel(PackConsole console, PackEditor packs) : PackFormPage(packs)
{
    [BindProperty(SupportsGet = true)]
    public string Key { get; set; } = string.Empty;

    public PackView Pack { get; private set; } = null!;

    public override string? EditedKey => Key;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Input = PackForm.From(Pack);
        return Page();
    }

    public async Task<IActionResult> OnPostReviewAsync(CancellationToken cancellationToken) =>
        !await LoadAsync(cancellationToken) ? NotFound() : Reviewed(await console.ReviewAsync(Key, Input, cancellationToken));

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var (step, pack) = await console.SaveAsync(Key, Input, AdminActor.From(HttpContext), cancellationToken);
        return Saved(step, pack?.Key);
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken) => (Pack = (await Packs.FindAsync(Key, cancellationToken))!) is not null;
}
