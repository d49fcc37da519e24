using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TokenSaas.Admin;
using TokenSaas.Infrastructure;

namespace TokenSaas.Pages.Admin.Users;

public sealed class IndexModel(UserDirectory directory, TokenSaas.Plans.PlanCatalog plans) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public UserListQuery Query { get; set; } = new();

    public UserList Users { get; private set; } = new([], 1, UserListQuery.DefaultPageSize, 0);

    public IReadOnlyList<string> PlanKeys { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var (filter, errors) = Query.Check();
        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError($"{nameof(Query)}.{field}", message);
        }

        if (filter is not null)
        {
            Users = await directory.ListAsync(filter, cancellationToken);
        }

        Response.Headers.Vary = "HX-Request";
        if (Request.IsHtmx() && Request.Headers["HX-Target"] == "user-table")
        {
            return Partial("_Table", this);
        }

        PlanKeys = (await plans.ActiveAsync(cancellationToken)).Select(p => p.Key).ToList();
        return Page();
    }
}
