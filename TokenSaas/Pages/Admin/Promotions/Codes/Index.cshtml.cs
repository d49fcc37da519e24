using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TokenSaas.Admin;
using TokenSaas.Audit;
using TokenSaas.Promotions;

namespace TokenSaas.Pages.Admin.Promotions.Codes;

public sealed class IndexModel(CodeQueries queries, CodeGenerator generator) : PageModel
{
    // The domain names fields as the API does; the form's inputs are these.
    private static readonly Dictionary<string, string> Fields = new()
    {
        ["pattern"] = "Input.Pattern", ["count"] = "Input.Count", ["reason"] = "Input.Note", ["idempotency_key"] = string.Empty,
    };

    [BindProperty]
    public GenerateInput Input { get; set; } = new();

    public CodesOverview Overview { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        Input.IdempotencyKey = NewKey();
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostGenerateAsync(long id, CancellationToken cancellationToken)
    {
        var result = await generator.StartAsync(id, Input.CountValue, Input.Pattern, AdminActor.From(HttpContext), Input.Note,
            Input.IdempotencyKey, cancellationToken);
        if (result.Outcome == EditOutcome.NotFound && result.Errors.ContainsKey("promotion_id"))
        {
            return NotFound();
        }

        if (result.Value is { } run)
        {
            TempData["StatusMessage"] = run.Batch.Status == CodeBatchStatus.Done
                ? $"{run.Batch.Count:N0} codes made from {run.Batch.Pattern}."
                : $"Making {run.Batch.Count:N0} codes from {run.Batch.Pattern}: follow the progress below.";
            return LocalRedirect($"/admin/promotions/{id}/codes");
        }

        foreach (var (field, message) in result.Errors)
        {
            ModelState.AddModelError(Fields.GetValueOrDefault(field, string.Empty), message);
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    /// <summary>Polled every second while a run is under way; the list it answers stops polling once none is.</summary>
    public async Task<IActionResult> OnGetProgressAsync(long id, CancellationToken cancellationToken)
    {
        Response.Headers.Vary = "HX-Request";
        return await LoadAsync(id, cancellationToken) ? Partial("_Batches", Overview) : NotFound();
    }

    public async Task<IActionResult> OnGetLookupAsync(long id, string? code, CancellationToken cancellationToken) =>
        Partial("_Lookup", await queries.LookupAsync(id, code, cancellationToken));

    public IActionResult OnGetPattern([FromQuery(Name = "Input.Pattern")] string? pattern) => Partial("_PatternHint", pattern);

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        Overview = (await queries.OverviewAsync(id, cancellationToken))!;
        return Overview is not null;
    }

    private static string NewKey() => "codes-" + Guid.NewGuid().ToString("N");

    public sealed class GenerateInput
    {
        public string? Pattern { get; set; }

        /// <summary>As typed (100,000 or 100000); the domain says what is wrong with it.</summary>
        public string? Count { get; set; }

        public string? Note { get; set; }

        public string? IdempotencyKey { get; set; }

        public long? CountValue =>
            long.TryParse(Count, NumberStyles.AllowThousands | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite,
                CultureInfo.InvariantCulture, out var n) ? n : null;
    }
}
