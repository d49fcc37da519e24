using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Audit;
using TokenSaas.Data;
using TokenSaas.Infrastructure;
using TokenSaas.Ledger;

namespace TokenSaas.Promotions;

/// <summary>One code as the admin looks it up: whose it is and how often it has been used.</summary>
public sealed record CodeLookup(string Code, PromotionCode? Found, string? OtherPromotion)
{
    public bool Exists => Found is not null && OtherPromotion is null;
}

/// <summary>A promotion's codes page: the promotion, its runs (newest first) and how many codes it has.</summary>
public sealed record CodesOverview(Promotion Promotion, IReadOnlyList<CodeBatch> Batches, int CodeCount)
{
    public bool Running => Batches.Any(b => b.Status == CodeBatchStatus.Running);
}

/// <summary>What the codes page and the codes API read: batches, one code, and every code as CSV.</summary>
public sealed class CodeQueries(AppDbContext db, AuditLog audit)
{
    public const string CsvHeader = "code,batch_id,uses,max_uses,created_at";
    private const int CsvPageSize = 5_000;

    public Task<Promotion?> PromotionAsync(long promotionId, CancellationToken cancellationToken) =>
        db.Promotions.AsNoTracking().SingleOrDefaultAsync(p => p.Id == promotionId, cancellationToken);

    public Task<CodeBatch?> BatchAsync(long batchId, CancellationToken cancellationToken) =>
        db.PromotionCodeBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == batchId, cancellationToken);

    /// <summary>The promotion's runs, newest first.</summary>
    public async Task<IReadOnlyList<CodeBatch>> BatchesAsync(long promotionId, CancellationToken cancellationToken) =>
        await db.PromotionCodeBatches.AsNoTracking().Where(b => b.PromotionId == promotionId).OrderByDescending(b => b.Id)
            .ToListAsync(cancellationToken);

    public async Task<CodesOverview?> OverviewAsync(long promotionId, CancellationToken cancellationToken) =>
        await PromotionAsync(promotionId, cancellationToken) is { } promotion
            ? new CodesOverview(promotion, await BatchesAsync(promotionId, cancellationToken),
                await db.PromotionCodes.CountAsync(c => c.PromotionId == promotionId, cancellationToken))
            : null;

    /// <summary>A batch's status as the API and the page write it: running, done or failed.</summary>
    public static string Status(CodeBatchStatus status) => SnakeCaseEnumConverter<CodeBatchStatus>.ToSnakeCase(status);

    public static string CsvUrl(long promotionId, long? batchId = null) =>
        $"/api/admin/promotions/{promotionId}/codes.csv" + (batchId is { } id ? $"?batch={id}" : string.Empty);

    /// <summary>The code as typed (any case, spaces around it ignored), looked up for <paramref name="promotionId"/>.</summary>
    public async Task<CodeLookup> LookupAsync(long promotionId, string? typed, CancellationToken cancellationToken)
    {
        var code = PromotionCode.Normalize(typed);
        var found = code.Length is 0 or > PromotionCode.MaxLength ? null
            : await db.PromotionCodes.AsNoTracking().SingleOrDefaultAsync(c => c.Code == code, cancellationToken);
        var other = found is null || found.PromotionId == promotionId ? null
            : await db.Promotions.AsNoTracking().Where(p => p.Id == found.PromotionId).Select(p => p.Name).SingleAsync(cancellationToken);
        return new CodeLookup(code, found, other);
    }

    /// <summary>
    /// Records the export (who took a copy of which codes) in the audit log first, then streams the
    /// promotion's codes (one batch's when <paramref name="batchId"/> is given) a page at a time.
    /// </summary>
    public async Task WriteCsvAsync(long promotionId, long? batchId, AdminActor actor, Stream output, CancellationToken cancellationToken)
    {
        await audit.WriteAsync(new AuditRecord(actor, AuditActions.Export, AuditTargets.Promotion,
            promotionId.ToString(CultureInfo.InvariantCulture), null)
        {
            After = new { export = "promotion_codes", batch_id = batchId },
        }, cancellationToken: cancellationToken);

        await using var csv = new CsvOut(output);
        await csv.HeaderAsync(CsvHeader);
        var codes = db.PromotionCodes.AsNoTracking().Where(c => c.PromotionId == promotionId);
        if (batchId is { } batch)
        {
            codes = codes.Where(c => c.BatchId == batch);
        }

        string? after = null;
        while (true)
        {
            var page = await (after is null ? codes : codes.Where(c => string.Compare(c.Code, after) > 0))
                .OrderBy(c => c.Code).Take(CsvPageSize).ToListAsync(cancellationToken);
            foreach (var c in page)
            {
                await csv.RowAsync(LedgerCsv.Field(c.Code), Number(c.BatchId), Number(c.Uses), Number(c.MaxUses),
                    c.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
            }

            if (page.Count < CsvPageSize)
            {
                return;
            }

            after = page[^1].Code;
        }
    }

    private static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
}
