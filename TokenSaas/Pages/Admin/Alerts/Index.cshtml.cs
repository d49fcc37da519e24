using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TokenSaas.Analytics;
using TokenSaas.Audit;
using TokenSaas.Infrastructure;

namespace TokenSaas.Pages.Admin.Alerts;

/// <summary>What the overview's "Alerts" section shows: the first few open alerts and how many there are.</summary>
public sealed record AlertSummary(IReadOnlyList<AlertRow> Items, int OpenCount);

public sealed class IndexModel(AlertBoard board) : PageModel
{
    public const int PageSize = 20;
    public const int SummarySize = 5;

    /// <summary>open | acknowledged | all (the default).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    /// <summary>The page number, from 1 ("page" is Razor Pages' own route value).</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public string? PageNumber { get; set; }

    public AlertPage Alerts { get; private set; } = new([], 1, false);

    public string StatusValue => (Status ?? "all").ToLowerInvariant();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!AlertBoard.TryParseStatus(Status ?? "all", out var status))
        {
            ModelState.AddModelError(nameof(Status), "Choose open, acknowledged or all.");
        }

        var number = 1;
        if (PageNumber is not null && (!int.TryParse(PageNumber, out number) || number < 1))
        {
            ModelState.AddModelError(nameof(PageNumber), "The page must be a whole number of at least 1.");
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Alerts = await board.PageAsync(status, number, PageSize, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnGetSummaryAsync(CancellationToken cancellationToken) =>
        Partial("_Summary", await SummaryAsync(cancellationToken));

    public async Task<IActionResult> OnPostAcknowledgeAsync(long id, string? from, CancellationToken cancellationToken)
    {
        var outcome = await board.AcknowledgeAsync(id, AdminActor.From(HttpContext), cancellationToken);
        if (from == "summary" && Request.IsHtmx())
        {
            return Partial("_Summary", await SummaryAsync(cancellationToken));
        }

        TempData["StatusMessage"] = outcome switch
        {
            AcknowledgeOutcome.NotFound => $"There is no alert {id}.",
            AcknowledgeOutcome.AlreadyAcknowledged => $"Alert {id} was already acknowledged.",
            _ => $"Alert {id} acknowledged.",
        };
        return LocalRedirect(Url.Page("/Admin/Alerts/Index", new { status = Status, p = PageNumber }) ?? "/admin/alerts");
    }

    private async Task<AlertSummary> SummaryAsync(CancellationToken cancellationToken) =>
        new((await board.PageAsync(AlertStatus.Open, 1, SummarySize, cancellationToken)).Items, await board.OpenCountAsync(cancellationToken));

    public string PageLink(int number) => Url.Page("/Admin/Alerts/Index", new { status = Status, p = number })!;
}
