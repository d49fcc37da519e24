using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Ledger;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Analytics.Exports;

/// <summary>The app in a time zone that is not UTC (UTC+5:30), so a day of the site's calendar is not a UTC day.</summary>
public abstract class ExportsApp(TestDatabase database) : TestApp(database)
{
    protected override IReadOnlyDictionary<string, string> Settings =>
        new Dictionary<string, string> { ["Tokens:TimeZone"] = "Asia/Kolkata" };
}

public sealed class ExportsSqliteApp() : ExportsApp(new SqliteTestDatabase());

public sealed class ExportsPostgresApp() : ExportsApp(new PostgresTestDatabase());

/// <summary>A downloaded export: its header, its rows by column name, and what the download was called.</summary>
public sealed record ExportFile(string Text, string[] Header, List<Dictionary<string, string>> Rows, string? FileName)
{
    public List<Dictionary<string, string>> Where(string column, string value) => Rows.Where(r => r[column] == value).ToList();
}

public static class ExportSteps
{
    public static async Task<ExportFile> ExportAsync(this TestApp app, string what, string from, string to)
    {
        var response = await app.AdminApi().GetAsync($"/api/admin/exports/{what}.csv?from={from}&to={to}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var records = ParseCsv(text);
        var header = records[0];
        return new ExportFile(text, header, records.Skip(1).Select(r =>
            {
                Assert.Equal(header.Length, r.Length);
                return header.Zip(r).ToDictionary(p => p.First, p => p.Second);
            }).ToList(),
            response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }

    public static TokenCalendar Calendar(this TestApp app) => app.Services.GetRequiredService<TokenCalendar>();

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Iso(DateTime at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>RFC 4180 as a spreadsheet reads it: quoted cells may hold commas, doubled quotes and line breaks.</summary>
    public static List<string[]> ParseCsv(string text)
    {
        var records = new List<string[]>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\n')
            {
                cells.Add(cell.ToString().TrimEnd('\r'));
                cell.Clear();
                records.Add([.. cells]);
                cells.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        Assert.False(quoted, "the file ends inside a quoted cell");
        Assert.Equal(0, cell.Length + cells.Count);
        return records;
    }
}
