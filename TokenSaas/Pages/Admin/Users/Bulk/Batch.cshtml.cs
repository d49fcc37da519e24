using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TokenSaas.Admin.Bulk;
using TokenSaas.Audit;
using TokenSaas.Infrastructure;

namespace TokenSaas.Pages.Admin.Users.Bulk;

public sealed class BatchModel(BulkService bulk, BulkQueries queries) : PageModel
{
    public const int ProblemsShown = 200;

    public BulkBatch Batch { get; private set; } = null!;

    public IReadOnlyList<BulkRow> Problems { get; private set; } = [];

    public int ProblemCount { get; private set; }

    public bool ConfirmingStart { get; private set; }

    public bool ConfirmingReverse { get; private set; }

    [BindProperty]
    [Required(ErrorMessage = "Give a reason for reversing the batch.")]
    [StringLength(BulkCells.MaxReasonLength, ErrorMessage = "The reason must be at most 200 characters.")]
    [Display(Name = "Reason for reversing")]
    public string? ReverseReason { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>Polled while the batch runs; once it has finished, the whole page reloads to offer what comes next.</summary>
    public async Task<IActionResult> OnGetProgressAsync(long id, CancellationToken cancellationToken)
    {
        if (await queries.FindAsync(id, cancellationToken) is not { } batch)
        {
            return NotFound();
        }

        if (Request.IsHtmx() && batch.Status is BulkStatus.Done or BulkStatus.Reversed)
        {
            Response.Headers["HX-Refresh"] = "true";
        }

        Response.Headers.Vary = "HX-Request";
        return Partial("_Progress", batch);
    }

    public async Task<IActionResult> OnPostConfirmStartAsync(long id, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        ConfirmingStart = Batch.Status == BulkStatus.Checked && Batch.Valid > 0;
        return Page();
    }

    public async Task<IActionResult> OnPostStartAsync(long id, CancellationToken cancellationToken)
    {
        var (batch, problem) = await bulk.StartAsync(id, AdminActor.From(HttpContext), cancellationToken);
        return await Done(id, problem, $"Batch {id} started: granting {batch?.TotalTokens:N0} tokens to {batch?.Valid:N0} users.",
            cancellationToken);
    }

    public async Task<IActionResult> OnPostConfirmReverseAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        ConfirmingReverse = ModelState.IsValid && Batch.Status == BulkStatus.Done;
        return Page();
    }

    public async Task<IActionResult> OnPostReverseAsync(long id, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }

        var (_, problem) = await bulk.ReverseAsync(id, ReverseReason, AdminActor.From(HttpContext), cancellationToken);
        return await Done(id, problem, $"Batch {id} is being reversed.", cancellationToken);
    }

    private async Task<IActionResult> Done(long id, BulkProblem? problem, string message, CancellationToken cancellationToken)
    {
        if (problem is null)
        {
            TempData["StatusMessage"] = message;
            return LocalRedirect($"/admin/users/bulk/{id}");
        }

        ModelState.Clear();
        ModelState.AddModelError(string.Empty, problem.Message);
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        if (await queries.FindAsync(id, cancellationToken) is not { } batch)
        {
            return false;
        }

        Batch = batch;
        Problems = await queries.ProblemsAsync(id, ProblemsShown, cancellationToken);
        ProblemCount = Problems.Count < ProblemsShown ? Problems.Count : await queries.ProblemCountAsync(id, cancellationToken);
        return true;
    }
}
