using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;

namespace TokenSaas.Audit;

/// <summary>The first link of the chain that does not hold, and what is wrong with it.</summary>
public sealed record AuditBreak(long Id, string Problem);

public sealed record AuditVerifyReport(long RowsChecked, AuditBreak? FirstBroken)
{
    public bool Intact => FirstBroken is null;
}

/// <summary>
/// Walks the audit chain in id order, one row at a time (the log is never loaded whole), and
/// stops at the first row that was edited, unlinked or deleted, or at a head that the last row
/// does not match (the newest rows deleted).
/// </summary>
public sealed class AuditVerifier(AppDbContext db)
{
    public async Task<AuditVerifyReport> VerifyAsync(CancellationToken cancellationToken = default)
    {
        // The head is read before the rows: every row it counts was committed before it, so rows
        // appended while the walk runs can only be extra, never missing.
        var head = await HeadAsync(cancellationToken);
        long last = 0, rowsChecked = 0;
        var lastHash = AuditChain.Genesis;
        while (true)
        {
            await foreach (var row in db.AuditEntries.AsNoTracking().Where(e => e.Id > last).OrderBy(e => e.Id)
                               .AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                rowsChecked++;
                if (Check(row, last, lastHash) is { } problem)
                {
                    return new AuditVerifyReport(rowsChecked, problem);
                }

                last = row.Id;
                lastHash = row.Hash;
            }

            if (head is null)
            {
                return new AuditVerifyReport(rowsChecked, new AuditBreak(Math.Max(last, 1),
                    "the chain's head row (audit_chain) is missing, so the end of the log cannot be checked"));
            }

            if (last == head.Seq)
            {
                return new AuditVerifyReport(rowsChecked, head.Hash == lastHash
                    ? null
                    : new AuditBreak(last, $"row {last} does not match the chain's head: the head recorded a different hash for it, so the row was rewritten"));
            }

            if (last < head.Seq)
            {
                var missing = last + 1 == head.Seq ? $"row {head.Seq} is" : $"rows {last + 1} to {head.Seq} are";
                return new AuditVerifyReport(rowsChecked, new AuditBreak(last + 1,
                    $"{missing} missing: the chain's head records {head.Seq} row(s) but the log ends at row {last}, so the newest were deleted"));
            }

            // Rows were appended during the walk; the head has moved on past them, or something is wrong with it.
            var moved = await HeadAsync(cancellationToken);
            if (moved is not null && moved.Seq <= head.Seq)
            {
                return new AuditVerifyReport(rowsChecked, new AuditBreak(head.Seq + 1,
                    $"row {head.Seq + 1} is beyond the chain's head, which records only {head.Seq} row(s)"));
            }

            head = moved;
        }
    }

    private static AuditBreak? Check(AuditEntry row, long previousId, string previousHash)
    {
        if (row.Id != previousId + 1)
        {
            var missing = row.Id == previousId + 2 ? $"row {previousId + 1} is" : $"rows {previousId + 1} to {row.Id - 1} are";
            return new AuditBreak(previousId + 1, $"{missing} missing: the log goes from row {previousId} to row {row.Id}, so a row was deleted");
        }

        if (AuditChain.Hash(row) != row.Hash)
        {
            return new AuditBreak(row.Id, $"row {row.Id} was edited: its stored hash does not match its contents");
        }

        if (row.PrevHash != previousHash)
        {
            return new AuditBreak(row.Id, row.Id == 1
                ? "row 1 does not start the chain: its prev_hash should be empty"
                : $"row {row.Id} is not linked to row {previousId}: its prev_hash is not row {previousId}'s hash, so one of them was rewritten");
        }

        return null;
    }

    private Task<AuditHead?> HeadAsync(CancellationToken cancellationToken) =>
        db.AuditHead.AsNoTracking().SingleOrDefaultAsync(h => h.Id == AuditHead.SingletonId, cancellationToken);
}
