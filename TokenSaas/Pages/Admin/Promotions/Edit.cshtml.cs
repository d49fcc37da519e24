using Microsoft.AspNetCore.Mvc;
using TokenSaas.Ledger;
using TokenSaas.Promotions;

namespace TokenSaas.Pages.Admin.Promotions;

public sealed class EditModel(PromotionEditor editor, PromotionListing listing, TokenCalendar calendar) : PromotionFormPage(editor, calendar)
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    public PromotionView? Promotion { get; private set; }

    public override string SelfUrl => $"/admin/promotions/{Id}/edit";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if ((Promotion = await listing.FindAsync(Id, cancellationToken)) is null)
        {
            return NotFound();
        }

        Input = PromotionForm.From(Promotion, Zone);
        await LoadTargetsAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Promotion = await listing.FindAsync(Id, cancellationToken);
        return await AnsweredAsync(await SubmitAsync(Id, input => Editor.UpdateAsync(Id, input, Act, cancellationToken), cancellationToken),
            "{0} was saved.", cancellationToken);
    }
}
