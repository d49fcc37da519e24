using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;
using TokenSaas.Infrastructure;
using TokenSaas.Ledger;

namespace TokenSaas.Audit;

public sealed record AuditFilter
{
    public const int MaxLimit = 100;
    public const int DefaultLimit = 50;

    /// <summary>Part of the actor's email, any case.</summary>
    public string? Actor { get; init; }

    public string? Action { get; init; }

    public string? TargetType { get; init; }

    public string? TargetId { get; init; }

    /// <summary>Inclusive, UTC.</summary>
    public DateTime? From { get; init; }

    /// <summary>Exclusive, UTC.</summary>
    public DateTime? Until { get; init; }

    /// <summary>Rows older than this id (the previous page's <see cref="AuditPage.Next"/>).</summary>
    public long? After { get; init; }

    public int Limit { get; init; } = DefaultLimit;
}

/// <summary>One page of rows, newest first, and the cursor for the next (null on the last page).</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, long? Next);

/// <summary>Reading the audit log: filtered keyset pages, and a CSV export that is itself audited.</summary>
public sealed class AuditQuery(AppDbContext db, AuditLog log)
{
    public const string CsvHeader = "id,at_utc,actor_id,actor_email,action,target_type,target_id,before,after,reason,ip,hash";

    private const int CsvPageSize = 500;

    public async Task<AuditPage> PageAsync(AuditFilter filter, CancellationToken cancellationToken = default)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            var actor = filter.Actor.Trim().ToLowerInvariant();
            query = query.Where(e => e.ActorEmail.ToLower().Contains(actor));
        }

        if (!string.IsNullOrEmpty(filter.Action))
        {
            query = query.Where(e => e.Action == filter.Action);
        }

        if (!string.IsNullOrEmpty(filter.TargetType))
        {
            query = query.Where(e => e.TargetType == filter.TargetType);
        }

        if (!string.IsNullOrEmpty(filter.TargetId))
        {
            query = query.Where(e => e.TargetId == filter.TargetId);
        }

        if (filter.From is { } from)
        {
            query = query.Where(e => e.At >= from);
        }

        if (filter.Until is { } until)
        {
            query = query.Where(e => e.At < until);
        }

        if (filter.After is { } after)
        {
            query = query.Where(e => e.Id < after);
        }

        var items = await query.OrderByDescending(e => e.Id).Take(filter.Limit + 1).ToListAsync(cancellationToken);
        return items.Count > filter.Limit
            ? new AuditPage(items[..filter.Limit], items[filter.Limit - 1].Id)
            : new AuditPage(items, null);
    }

    /// <summary>
    /// Records the export in the log first (who took a copy, of what), then streams every matching
    /// row as CSV, page by page, so a long log never sits in memory.
    /// </summary>
    public async Task ExportCsvAsync(AuditFilter filter, AdminActor actor, Stream output, CancellationToken cancellationToken)
    {
        await log.WriteAsync(new AuditRecord(actor, AuditActions.Export, AuditTargets.Export, "audit", null)
        {
            After = new
            {
                actor = filter.Actor, action = filter.Action, target_type = filter.TargetType, target_id = filter.TargetId,
                from = filter.From, until = filter.Until,
            },
        }, cancellationToken: cancellationToken);

        await using var csv = new CsvOut(output);
        await csv.HeaderAsync(CsvHeader);
        var page = filter with { After = null, Limit = CsvPageSize };
        while (true)
        {
            var rows = await PageAsync(page, cancellationToken);
            foreach (var e in rows.Items)
            {
                await csv.RowAsync(
                    e.Id.ToString(CultureInfo.InvariantCulture),
                    e.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    LedgerCsv.Field(e.ActorId), LedgerCsv.Field(e.ActorEmail), LedgerCsv.Field(e.Action),
                    LedgerCsv.Field(e.TargetType), LedgerCsv.Field(e.TargetId), LedgerCsv.Field(e.Before),
                    LedgerCsv.Field(e.After), LedgerCsv.Field(e.Reason), LedgerCsv.Field(e.Ip), LedgerCsv.Field(e.Hash));
            }

            if (rows.Next is null)
            {
                break;
            }

            page = page with { After = rows.Next };
        }
    }
}
