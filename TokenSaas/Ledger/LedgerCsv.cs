using System.Globalization;
using TokenSaas.Data;
using TokenSaas.Infrastructure;

namespace TokenSaas.Ledger;

/// <summary>Streams an account's entries as CSV, page by page, so a long history never sits in memory.</summary>
public static class LedgerCsv
{
    public const string Header = "id,created_at_utc,type,amount,balance_after,bucket,feature,description";

    public static async Task WriteAsync(Stream output, LedgerService ledger, string userId, LedgerFilter filter,
        CancellationToken cancellationToken)
    {
        await using var csv = new CsvOut(output);
        await csv.HeaderAsync(Header);
        var page = filter;
        while (true)
        {
            var entries = await ledger.GetEntriesAsync(userId, page, cancellationToken);
            foreach (var e in entries.Items)
            {
                await csv.RowAsync(
                    e.Id.ToString(CultureInfo.InvariantCulture),
                    e.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    SnakeCaseEnumConverter<LedgerEntryType>.ToSnakeCase(e.Type),
                    e.Amount.ToString(CultureInfo.InvariantCulture),
                    e.BalanceAfter.ToString(CultureInfo.InvariantCulture),
                    e.Bucket is { } bucket ? SnakeCaseEnumConverter<GrantBucket>.ToSnakeCase(bucket) : string.Empty,
                    Field(e.Feature),
                    Field(e.Description));
            }

            if (entries.Next is null)
            {
                break;
            }

            page = page with { After = entries.Next };
        }
    }

    /// <summary>Quotes a text field, and defuses cells a spreadsheet would run as a formula (<see cref="CsvOut.Text"/>).</summary>
    public static string Field(string? value) => CsvOut.Text(value);
}
