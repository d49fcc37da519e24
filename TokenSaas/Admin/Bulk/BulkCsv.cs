using System.Text;

namespace TokenSaas.Admin.Bulk;

/// <summary>Which optional columns a bulk file has; email and amount always come first.</summary>
public sealed record BulkColumns(bool ExpiresAt, bool Reason)
{
    public int Count => 2 + (ExpiresAt ? 1 : 0) + (Reason ? 1 : 0);

    public string Names => "email,amount" + (ExpiresAt ? ",expires_at" : string.Empty) + (Reason ? ",reason" : string.Empty);
}

/// <summary>One data line of the file: its 1-based number (the header and blank lines not counted) and its cells.</summary>
public sealed record BulkRecord(int Row, IReadOnlyList<string> Cells);

public sealed record BulkFile(BulkColumns Columns, IReadOnlyList<BulkRecord> Records);

/// <summary>
/// Reads an allocation file: RFC 4180 CSV in UTF-8 (a byte-order mark is fine), the header
/// <c>email,amount[,expires_at][,reason]</c>, at most <see cref="MaxRows"/> data lines. A file it
/// refuses comes back as an error message and nothing else.
/// </summary>
public static class BulkCsv
{
    public const int MaxRows = 50_000;

    /// <summary>50,000 rows of the longest legal cells fit in about 25 MB.</summary>
    public const int MaxBytes = 32 * 1024 * 1024;

    public const string Format = "email,amount[,expires_at][,reason]";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static (BulkFile? File, string? Error) Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxBytes)
        {
            return (null, $"The file is larger than {MaxBytes / 1024 / 1024} MB.");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return (null, "The file is not UTF-8 text. Save it as \"CSV UTF-8\" and upload it again.");
        }

        var records = new List<BulkRecord>();
        string[]? header = null;
        var reader = new Reader(text);
        while (reader.Next() is { } cells)
        {
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (header is null)
            {
                header = cells;
                continue;
            }

            if (records.Count == MaxRows)
            {
                return (null, $"The file has more than {MaxRows:N0} rows. Split it into files of at most {MaxRows:N0} rows.");
            }

            records.Add(new BulkRecord(records.Count + 1, cells));
        }

        if (reader.Unclosed is { } line)
        {
            return (null, $"Line {line} opens a quoted cell that is never closed.");
        }

        if (header is null)
        {
            return (null, $"The file is empty. Its first line must be the header {Format}.");
        }

        if (Columns(header) is not { } columns)
        {
            var found = string.Join(',', header);
            return (null, $"The first line must be the header {Format}; it is \"{(found.Length > 80 ? found[..80] + "…" : found)}\".");
        }

        return records.Count == 0
            ? (null, "The file has a header but no rows.")
            : (new BulkFile(columns, records), null);
    }

    /// <summary>An upload, read whole; null when it is larger than <see cref="MaxBytes"/> (reading stops there).</summary>
    public static async Task<byte[]?> ReadAllAsync(Stream stream, long? length, CancellationToken cancellationToken)
    {
        if (length > MaxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static BulkColumns? Columns(string[] header) =>
        header.Select(h => h.Trim().ToLowerInvariant()).ToArray() switch
        {
            ["email", "amount"] => new BulkColumns(false, false),
            ["email", "amount", "expires_at"] => new BulkColumns(true, false),
            ["email", "amount", "reason"] => new BulkColumns(false, true),
            ["email", "amount", "expires_at", "reason"] => new BulkColumns(true, true),
            _ => null,
        };

    /// <summary>RFC 4180: cells split by commas, records by CRLF, LF or CR; a quoted cell may hold all three, with "" for a quote.</summary>
    private sealed class Reader(string text)
    {
        private int position;
        private int line = 1;

        /// <summary>The line where a quoted cell opened and the text ended before it closed.</summary>
        public int? Unclosed { get; private set; }

        public string[]? Next()
        {
            if (position >= text.Length || Unclosed is not null)
            {
                return null;
            }

            var cells = new List<string>();
            var cell = new StringBuilder();
            while (true)
            {
                if (position < text.Length && text[position] == '"' && cell.Length == 0)
                {
                    var opened = line;
                    position++;
                    if (!ReadQuoted(cell))
                    {
                        Unclosed = opened;
                        return null;
                    }
                }

                while (position < text.Length && text[position] is not (',' or '\r' or '\n'))
                {
                    cell.Append(text[position++]);
                }

                cells.Add(cell.ToString());
                cell.Clear();
                if (position >= text.Length)
                {
                    return [.. cells];
                }

                var separator = text[position++];
                if (separator == ',')
                {
                    continue;
                }

                if (separator == '\r' && position < text.Length && text[position] == '\n')
                {
                    position++;
                }

                line++;
                return [.. cells];
            }
        }

        private bool ReadQuoted(StringBuilder cell)
        {
            while (position < text.Length)
            {
                var c = text[position++];
                if (c != '"')
                {
                    line += c == '\n' || (c == '\r' && (position >= text.Length || text[position] != '\n')) ? 1 : 0;
                    cell.Append(c);
                }
                else if (position < text.Length && text[position] == '"')
                {
                    cell.Append('"');
                    position++;
                }
                else
                {
                    return true;
                }
            }

            return false;
        }
    }
}
