using TokenSaas.Audit;
using TokenSaas.Infrastructure;
using TokenSaas.Ledger;
using TokenSaas.Promotions;

namespace TokenSaas.Analytics.Exports;

/// <summary>An export that can be written: which one, over which whole days of the site's time zone.</summary>
public sealed record ExportRequest(ExportKind Kind, ReportRange Range)
{
    public string FileName => $"tokensaas-{Kind.Name}-{ReportRange.Text(Range.From)}-to-{ReportRange.Text(Range.To)}.csv";

    public static string Url(string what, DateOnly from, DateOnly to) =>
        $"/api/admin/exports/{what}.csv?from={ReportRange.Text(from)}&to={ReportRange.Text(to)}";
}

/// <summary>Why there is no export: an unknown name (<see cref="UnknownKind"/>) or a range that cannot be read.</summary>
public sealed record ExportAnswer(ExportRequest? Request, string? Error, bool UnknownKind = false);

/// <summary>
/// SPEC 10.6's CSV exports. The range is read as the promotion report reads it (yyyy-MM-dd, inclusive,
/// site time zone, the last 30 days by default, at most two years); every download is audited.
/// </summary>
public sealed class CsvExports(ExportRows rows, TokenCalendar calendar, TimeProvider clock, AuditLog audit)
{
    /// <summary>Today in the site's time zone.</summary>
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, calendar.Zone));

    public ExportAnswer Prepare(string? what, string? from, string? to)
    {
        if (ExportCatalog.Find(what) is not { } kind)
        {
            return new ExportAnswer(null, ExportCatalog.Unknown(what), UnknownKind: true);
        }

        var (range, error) = ReportRange.Parse(from, to, Today);
        return range is null ? new ExportAnswer(null, error) : new ExportAnswer(new ExportRequest(kind, range), null);
    }

    /// <summary>Records who took a copy of what first (one audit row per download), then streams the rows.</summary>
    public async Task WriteAsync(ExportRequest request, AdminActor actor, Stream output, CancellationToken cancellationToken)
    {
        var (from, to) = (ReportRange.Text(request.Range.From), ReportRange.Text(request.Range.To));
        await audit.WriteAsync(new AuditRecord(actor, AuditActions.Export, AuditTargets.Export, request.Kind.Name, null)
        {
            After = new { from, to },
        }, cancellationToken: cancellationToken);

        await using var csv = new CsvOut(output);
        await csv.HeaderAsync(request.Kind.Header);
        var (start, end) = (calendar.StartOf(request.Range.From), calendar.StartOf(request.Range.To.AddDays(1)));
        var kind = request.Kind;
        var write = kind == ExportCatalog.Ledger ? rows.LedgerAsync(csv, start, end, cancellationToken)
            : kind == ExportCatalog.Payments ? rows.PaymentsAsync(csv, start, end, cancellationToken)
            : kind == ExportCatalog.Users ? rows.UsersAsync(csv, start, end, cancellationToken)
            : kind == ExportCatalog.Promotions ? rows.PromotionsAsync(csv, start, end, clock.GetUtcNow().UtcDateTime, cancellationToken)
            : kind == ExportCatalog.Redemptions ? rows.RedemptionsAsync(csv, start, end, cancellationToken)
            : throw new InvalidOperationException($"no rows for export {kind.Name}");
        await write;
    }
}
