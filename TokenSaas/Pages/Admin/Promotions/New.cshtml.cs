using Microsoft.AspNetCore.Mvc;
using TokenSaas.Ledger;
using TokenSaas.Promotions;

namespace TokenSaas.Pages.Admin.Promotions;

public sealed class NewModel(PromotionEditor editor, TokenCalendar calendar) : PromotionFormPage(editor, calendar)
{
    public override string SelfUrl => "/admin/promotions/new";

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadTargetsAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        await AnsweredAsync(await SubmitAsync(null, input => Editor.CreateAsync(input, Act, cancellationToken), cancellationToken),
            "{0} was created.", cancellationToken);
}
