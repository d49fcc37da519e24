using System.Globalization;
using System.Text;
using TokenSaas.Data;

namespace TokenSaas.Infrastructure;

/// <summary>
/// The site's one CSV writer: UTF-8 without a byte-order mark, a line per row written to the response
/// as it comes (every download streams), and one rule for text cells (<see cref="Text"/>).
/// </summary>
public sealed class CsvOut(Stream output) : IAsyncDisposable
{
    // Pushes what is written to the client every so many rows instead of holding it in the writer's buffer.
    private const int FlushEvery = 1_000;
    private readonly StreamWriter writer = new(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 16 * 1024, leaveOpen: true);
    private int unflushed;

    public long Rows { get; private set; }

    public Task HeaderAsync(string header) => writer.WriteLineAsync(header);

    public async Task RowAsync(params string[] cells)
    {
        await writer.WriteLineAsync(string.Join(',', cells));
        Rows++;
        if (++unflushed >= FlushEvery)
        {
            unflushed = 0;
            await writer.FlushAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await writer.FlushAsync();
        await writer.DisposeAsync();
    }

    /// <summary>Quotes a text field, and defuses cells a spreadsheet would run as a formula.</summary>
    public static string Text(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return "\"" + value.Replace("\"", "\"\"") + "\"";
    }

    public static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>UTC, ISO 8601: 2026-11-21T09:30:00Z.</summary>
    public static string Time(DateTime? at) =>
        at?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? string.Empty;

    public static string Snake<T>(T value) where T : struct, Enum => SnakeCaseEnumConverter<T>.ToSnakeCase(value);

    public static string Snake<T>(T? value) where T : struct, Enum => value is { } v ? Snake(v) : string.Empty;

    public static string Bool(bool value) => value ? "true" : "false";
}
