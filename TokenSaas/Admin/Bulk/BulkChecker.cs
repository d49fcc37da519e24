using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;
using TokenSaas.Ledger;

namespace TokenSaas.Admin.Bulk;

/// <summary>A file checked row by row, not stored yet: valid rows are <see cref="BulkRowStatus.Pending"/>.</summary>
public sealed record BulkCheck(IReadOnlyList<BulkRow> Rows, string Reason)
{
    public int Valid => Rows.Count(r => r.Status == BulkRowStatus.Pending);

    public long TotalTokens => Rows.Where(r => r.Status == BulkRowStatus.Pending).Sum(r => r.Amount ?? 0);
}

/// <summary>
/// The dry run: reads the file, checks every row (email known, amount, expiry, reason, no email
/// twice) and says what is wrong with each. A file it refuses as a whole (header, encoding, size)
/// comes back as one message.
/// </summary>
public sealed class BulkChecker(AppDbContext db, ILookupNormalizer normalizer, TimeProvider clock, TokenCalendar calendar)
{
    /// <summary>The batch reason when every row gives its own (the API may leave the batch's out).</summary>
    public const string PerRowReasons = "Reasons given per row";

    private const int LookupChunk = 1000;
    private const int MaxStoredEmail = 320;
    private const int MaxStoredError = 300;

    public async Task<(BulkCheck? Check, string? Error)> CheckAsync(ReadOnlyMemory<byte> file, string? reason,
        CancellationToken cancellationToken)
    {
        var batchReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (batchReason is { Length: > BulkCells.MaxReasonLength })
        {
            return (null, $"The reason must be at most {BulkCells.MaxReasonLength} characters.");
        }

        var (parsed, error) = BulkCsv.Read(file.Span);
        if (parsed is null)
        {
            return (null, error);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var checkedRows = parsed.Records.Select(r => Row(r, parsed.Columns, now)).ToList();
        var rows = checkedRows.Select(c => c.Row).ToList();
        var keys = checkedRows.Select(c => c.Email is null ? null : normalizer.NormalizeEmail(c.Email)).ToList();
        var users = await UserIdsAsync(keys.OfType<string>().Distinct().ToList(), cancellationToken);
        var firstRow = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var (row, key) = (rows[i], keys[i]);
            if (key is null)
            {
                continue;
            }

            if (!firstRow.TryAdd(key, row.Row))
            {
                Refuse(row, $"the same email as row {firstRow[key]}");
            }
            else if (!users.TryGetValue(key, out var userId))
            {
                Refuse(row, "no user has this email");
            }
            else if (row.Error is null)
            {
                row.UserId = userId;
                row.Status = BulkRowStatus.Pending;
            }
        }

        if (batchReason is null && rows.FirstOrDefault(r => r.Status == BulkRowStatus.Pending && r.Reason is null) is { } bare)
        {
            return (null, $"A reason is required: row {bare.Row} has no reason of its own.");
        }

        return (new BulkCheck(rows, batchReason ?? PerRowReasons), null);
    }

    /// <summary>The row with the first problem of its cells, and its email when that cell is sound.</summary>
    private (BulkRow Row, string? Email) Row(BulkRecord record, BulkColumns columns, DateTime now)
    {
        var cells = record.Cells;
        var row = new BulkRow
        {
            Row = record.Row,
            Email = Truncate(cells[0].Trim(), MaxStoredEmail),
            Status = BulkRowStatus.Invalid,
        };
        if (cells.Count != columns.Count)
        {
            return (Refuse(row, $"expected {columns.Count} cells ({columns.Names}), found {cells.Count}"), null);
        }

        var (email, emailError) = BulkCells.Email(cells[0]);
        var (amount, amountError) = BulkCells.Amount(cells[1]);
        var (expiresAt, expiryError) = columns.ExpiresAt ? BulkCells.ExpiresAt(cells[2], now, calendar.Zone) : (null, null);
        var (reason, reasonError) = columns.Reason ? BulkCells.Reason(cells[^1]) : (null, null);
        row.Email = email ?? row.Email;
        row.Amount = amount;
        row.ExpiresAt = expiresAt;
        row.Reason = reason;
        return ((emailError ?? amountError ?? expiryError ?? reasonError) is { } error ? Refuse(row, error) : row, email);
    }

    private static BulkRow Refuse(BulkRow row, string error)
    {
        row.Status = BulkRowStatus.Invalid;
        row.UserId = null;
        row.Error ??= Truncate(char.ToUpperInvariant(error[0]) + error[1..] + ".", MaxStoredError);
        return row;
    }

    /// <summary>Normalised email → user id, asked in chunks so the query stays a reasonable size.</summary>
    private async Task<Dictionary<string, string>> UserIdsAsync(List<string> normalized, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in normalized.Chunk(LookupChunk))
        {
            var users = await db.Users.AsNoTracking().Where(u => chunk.Contains(u.NormalizedEmail!))
                .Select(u => new { u.Id, u.NormalizedEmail }).ToListAsync(cancellationToken);
            foreach (var user in users)
            {
                found.TryAdd(user.NormalizedEmail!, user.Id);
            }
        }

        return found;
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
