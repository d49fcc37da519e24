using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TokenSaas.Admin.Bulk;
using TokenSaas.Audit;

namespace TokenSaas.Pages.Admin.Users.Bulk;

[RequestSizeLimit(BulkCsv.MaxBytes + 1024 * 1024)]
public sealed class IndexModel(BulkService bulk, BulkQueries queries) : PageModel
{
    private const int Shown = 20;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<BulkBatch> Recent { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Recent = await queries.RecentAsync(Shown, cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            await using var upload = Input.File!.OpenReadStream();
            var file = await BulkCsv.ReadAllAsync(upload, Input.File.Length, cancellationToken);
            var (summary, problem) = file is null
                ? (null, new BulkProblem(BulkProblemKind.Invalid, $"The file is larger than {BulkCsv.MaxBytes / 1024 / 1024} MB."))
                : await bulk.CheckAsync(file, Input.File.FileName, Input.Reason, AdminActor.From(HttpContext), cancellationToken);
            if (summary is not null)
            {
                return LocalRedirect($"/admin/users/bulk/{summary.Batch.Id}");
            }

            ModelState.AddModelError("Input.File", problem!.Message);
        }

        Recent = await queries.RecentAsync(Shown, cancellationToken);
        return Page();
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Choose a CSV file to check.")]
        [Display(Name = "CSV file")]
        public IFormFile? File { get; set; }

        [Required(ErrorMessage = "Give a reason: it goes on the audit log and on rows that have none of their own.")]
        [StringLength(BulkCells.MaxReasonLength, ErrorMessage = "The reason must be at most 200 characters.")]
        [Display(Name = "Reason")]
        public string? Reason { get; set; }
    }
}
