using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Audit;
using TokenSaas.Data;
using TokenSaas.Infrastructure;
using TokenSaas.Ledger;

namespace TokenSaas.Promotions;

/// <summary>A report, or why there is none: no such promotion (<see cref="Promotion"/> null), or a range that cannot be read.</summary>
public sealed record ReportAnswer(Promotion? Promotion, PromotionReport? Report, string? Error);

/// <summary>
/// Reports per promotion and variant (SPEC 10.4), summed by the database: one GROUP BY for the
/// variant × currency rows, one for the variants' checkouts, and a few for the days (see <see cref="ReportDays"/>).
/// </summary>
public sealed class PromotionReports(AppDbContext db, TokenCalendar calendar, TimeProvider clock, FraudFlags flags, AuditLog audit)
{
    /// <summary>Today in the site's time zone.</summary>
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, calendar.Zone));

    public async Task<ReportAnswer> GetAsync(long promotionId, string? from, string? to, CancellationToken cancellationToken)
    {
        var promotion = await db.Promotions.AsNoTracking().SingleOrDefaultAsync(p => p.Id == promotionId, cancellationToken);
        if (promotion is null)
        {
            return new ReportAnswer(null, null, $"There is no promotion {promotionId}.");
        }

        var (range, error) = ReportRange.Parse(from, to, Today);
        return range is null
            ? new ReportAnswer(promotion, null, error)
            : new ReportAnswer(promotion, await BuildAsync(promotion, range, cancellationToken), null);
    }

    /// <summary>Records the export in the audit log (who took a copy of which report), then writes the report's rows as CSV.</summary>
    public async Task WriteCsvAsync(PromotionReport report, AdminActor actor, Stream output, CancellationToken cancellationToken)
    {
        await audit.WriteAsync(new AuditRecord(actor, AuditActions.Export, AuditTargets.Export, $"promotions/{report.Promotion.Id}/report", null)
        {
            After = new { promotion_id = report.Promotion.Id, from = ReportRange.Text(report.From), to = ReportRange.Text(report.To) },
        }, cancellationToken: cancellationToken);

        await using var csv = new CsvOut(output);
        await csv.HeaderAsync(PromotionReport.CsvHeader);
        foreach (var row in report.Rows)
        {
            var f = row.Figures;
            await csv.RowAsync(LedgerCsv.Field(row.Variant), LedgerCsv.Field(row.Currency),
                Number(f.Redemptions), Number(f.Gross), Number(f.Discount), Number(f.Net), Number(f.Tokens));
        }
    }

    private async Task<PromotionReport> BuildAsync(Promotion promotion, ReportRange range, CancellationToken cancellationToken)
    {
        var (start, end) = (calendar.StartOf(range.From), calendar.StartOf(range.To.AddDays(1)));
        var uses = db.Redemptions.AsNoTracking().Where(r => r.PromotionId == promotion.Id);
        var counted = uses.Where(r => r.Status == RedemptionStatus.Counted && r.CountedAt >= start && r.CountedAt < end);

        var grouped = await counted.GroupBy(r => new { r.Variant, r.Currency })
            .Select(g => new
            {
                g.Key.Variant, g.Key.Currency, Redemptions = g.Count(), Gross = g.Sum(r => r.ListAmount), Discount = g.Sum(r => r.Discount),
                Net = g.Sum(r => r.FinalAmount), Tokens = g.Sum(r => r.Tokens),
            })
            .ToListAsync(cancellationToken);
        var order = promotion.Variants.Select(v => v.Name).ToList();
        var rows = grouped
            .Select(g => new ReportRow(g.Variant, g.Currency, new ReportFigures(g.Redemptions, g.Gross, g.Discount, g.Net, g.Tokens)))
            .OrderBy(r => r.Variant is null ? -1 : order.IndexOf(r.Variant) is var i and >= 0 ? i : order.Count)
            .ThenBy(r => r.Variant, StringComparer.Ordinal).ThenBy(r => r.Currency, StringComparer.Ordinal)
            .ToList();
        var totals = rows.GroupBy(r => r.Currency)
            .Select(g => new CurrencyTotal(g.Key, g.Aggregate(ReportFigures.Zero, (sum, r) => sum.Plus(r.Figures))))
            .OrderBy(t => t.Currency, StringComparer.Ordinal).ToList();

        var started = await uses.Where(r => r.CreatedAt >= start && r.CreatedAt < end)
            .GroupBy(r => r.Variant)
            .Select(g => new
            {
                Variant = g.Key,
                Checkouts = g.Select(r => r.UserId).Distinct().Count(),
                Converted = g.Where(r => r.Status == RedemptionStatus.Counted).Select(r => r.UserId).Distinct().Count(),
            })
            .ToListAsync(cancellationToken);
        var reservedNow = await uses.CountAsync(r => r.Status == RedemptionStatus.Reserved, cancellationToken);
        var freed = await uses.CountAsync(r => r.Status == RedemptionStatus.Freed && r.UpdatedAt >= start && r.UpdatedAt < end,
            cancellationToken);
        var days = await new ReportDays(calendar).SeriesAsync(counted, range, cancellationToken);

        return new PromotionReport(promotion, range.From, range.To, rows, totals, days, Variants(promotion, rows, started
                .Select(s => (s.Variant, s.Checkouts, s.Converted)).ToList()),
            reservedNow, freed, await flags.ForAsync(promotion.Id, cancellationToken));
    }

    private static List<VariantSummary> Variants(Promotion promotion, List<ReportRow> rows,
        List<(string? Variant, int Checkouts, int Converted)> started)
    {
        var weights = promotion.Variants.Sum(v => v.Weight);
        var names = promotion.Variants.Select(v => (string?)v.Name)
            .Concat(rows.Select(r => r.Variant)).Concat(started.Select(s => s.Variant)).Distinct().ToList();
        if (names.Count == 0)
        {
            names.Add(null);
        }

        return names.Select(name =>
        {
            var mine = rows.Where(r => r.Variant == name).ToList();
            var weight = promotion.Variants.FirstOrDefault(v => v.Name == name)?.Weight;
            var (_, checkouts, converted) = started.FirstOrDefault(s => s.Variant == name);
            return new VariantSummary(name, weight is { } w && weights > 0 ? (decimal)w / weights : null, checkouts, converted,
                mine.Sum(r => r.Figures.Redemptions),
                mine.Where(r => r.Currency is not null).ToDictionary(r => r.Currency!, r => r.Figures.Net));
        }).ToList();
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
