using System.Globalization;
using System.Text;
using TokenSaas.Audit;
using TokenSaas.Ledger;
using TokenSaas.Promotions;

namespace TokenSaas.Analytics;

/// <summary>The tables under the analytics charts as CSV (money in minor units); each download is audited like every export.</summary>
public sealed class AnalyticsCsv(AuditLog audit)
{
    public static readonly string[] Tables = ["revenue", "tokens", "features"];

    public async Task WriteAsync(string what, AnalyticsFigures f, AdminActor actor, Stream output, CancellationToken cancellationToken)
    {
        await audit.WriteAsync(new AuditRecord(actor, AuditActions.Export, AuditTargets.Export, $"analytics/{what}", null)
        {
            After = new { from = ReportRange.Text(f.Range.From), to = ReportRange.Text(f.Range.To) },
        }, cancellationToken: cancellationToken);

        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
        foreach (var line in Lines(what, f))
        {
            await writer.WriteLineAsync(line);
        }
    }

    private static IEnumerable<string> Lines(string what, AnalyticsFigures f)
    {
        switch (what)
        {
            case "revenue":
                yield return "date,currency,gross,discount,refunded,net";
                foreach (var d in f.Revenue)
                {
                    yield return Row(ReportRange.Text(d.Date), LedgerCsv.Field(d.Currency), N(d.Gross), N(d.Discount), N(d.Refunded), N(d.Net));
                }

                break;
            case "tokens":
                var buckets = f.Buckets;
                yield return string.Join(',', new[] { "date" }.Concat(buckets.Select(b => $"granted_{b}")).Concat(["granted", "spent"]));
                foreach (var d in f.Tokens)
                {
                    yield return Row([ReportRange.Text(d.Date), .. buckets.Select(b => N(d.GrantedByBucket.GetValueOrDefault(b))), N(d.Granted), N(d.Spent)]);
                }

                break;
            default:
                yield return $"feature,uses,tokens,cost_per_use,cost,revenue,margin,currency";
                foreach (var x in f.Features)
                {
                    yield return Row(LedgerCsv.Field(x.Feature), N(x.Uses), N(x.Tokens), x.CostPerUse is { } per ? N(per) : "", N(x.Cost), N(x.Revenue), N(x.Margin), f.Currency);
                }

                break;
        }
    }

    private static string Row(params string[] fields) => string.Join(',', fields);

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
