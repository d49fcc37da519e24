using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TokenSaas.Audit;
using TokenSaas.Infrastructure;

namespace TokenSaas.Pages.Admin.Audit;

public sealed class IndexModel(AuditQuery audit, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public AuditSearch Query { get; set; } = new();

    public AuditPage Rows { get; private set; } = new([], null);

    /// <summary>The log from a cursor: the whole page, or (htmx "Load more") just the next rows.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Response.Headers.Vary = "HX-Request";
        var (filter, errors) = Query.ToFilter();
        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError($"{nameof(Query)}.{field}", message);
        }

        if (filter is not null)
        {
            Rows = await audit.PageAsync(filter, cancellationToken);
        }

        return Request.IsHtmx() && Query.After is not null ? Partial("_Rows", this) : Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var (filter, errors) = Query.ToFilter();
        if (filter is null)
        {
            return BadRequest(string.Join(" ", errors.Values));
        }

        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"audit-log-{clock.GetUtcNow():yyyyMMdd}.csv\"";
        await audit.ExportCsvAsync(filter, AdminActor.From(HttpContext), Response.Body, cancellationToken);
        return new EmptyResult();
    }
}
