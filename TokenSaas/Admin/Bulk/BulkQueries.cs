using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;
using TokenSaas.Infrastructure;
using TokenSaas.Ledger;

namespace TokenSaas.Admin.Bulk;

/// <summary>Reading batches: one, the recent ones, their problem rows, and the per-row result CSV.</summary>
public sealed class BulkQueries(AppDbContext db)
{
    public const string ResultsHeader = "row,email,amount,status,entry_id,error,reversed_tokens";

    private const int CsvPage = 1000;

    public Task<BulkBatch?> FindAsync(long batchId, CancellationToken cancellationToken) =>
        db.BulkBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == batchId, cancellationToken);

    public async Task<IReadOnlyList<BulkBatch>> RecentAsync(int count, CancellationToken cancellationToken) =>
        await db.BulkBatches.AsNoTracking().OrderByDescending(b => b.Id).Take(count).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<BulkRow>> RowsAsync(long batchId, BulkRowStatus status, int limit, CancellationToken cancellationToken) =>
        await db.BulkRows.AsNoTracking().Where(r => r.BatchId == batchId && r.Status == status)
            .OrderBy(r => r.Row).Take(limit).ToListAsync(cancellationToken);

    /// <summary>Rows the check refused, rows the run could not grant, and grants the reversal could not take back.</summary>
    public async Task<IReadOnlyList<BulkRow>> ProblemsAsync(long batchId, int limit, CancellationToken cancellationToken) =>
        await db.BulkRows.AsNoTracking().Where(r => r.BatchId == batchId && r.Error != null)
            .OrderBy(r => r.Row).Take(limit).ToListAsync(cancellationToken);

    public Task<int> ProblemCountAsync(long batchId, CancellationToken cancellationToken) =>
        db.BulkRows.CountAsync(r => r.BatchId == batchId && r.Error != null, cancellationToken);

    /// <summary>Streams every row as it stands, a page at a time; text cells are quoted and defused (LedgerCsv.Field).</summary>
    public async Task WriteResultsAsync(long batchId, Stream output, CancellationToken cancellationToken)
    {
        await using var csv = new CsvOut(output);
        await csv.HeaderAsync(ResultsHeader);
        var after = 0;
        while (true)
        {
            var rows = await db.BulkRows.AsNoTracking().Where(r => r.BatchId == batchId && r.Row > after)
                .OrderBy(r => r.Row).Take(CsvPage).ToListAsync(cancellationToken);
            foreach (var r in rows)
            {
                await csv.RowAsync(
                    Number(r.Row),
                    LedgerCsv.Field(r.Email),
                    Number(r.Amount),
                    BulkService.Status(r.Status),
                    Number(r.EntryId),
                    LedgerCsv.Field(r.Error),
                    Number(r.ReversedTokens));
            }

            if (rows.Count < CsvPage)
            {
                break;
            }

            after = rows[^1].Row;
        }
    }

    private static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
}
