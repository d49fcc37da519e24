using System.Text;
using TokenSaas.Admin.Bulk;

namespace TokenSaas.Tests.Admin.Bulk;

public sealed class BulkCsvTests
{
    [Theory]
    [InlineData("email,amount", false, false)]
    [InlineData(" Email , AMOUNT ", false, false)]
    [InlineData("email,amount,expires_at", true, false)]
    [InlineData("email,amount,reason", false, true)]
    [InlineData("email,amount,expires_at,reason", true, true)]
    public void The_header_may_name_the_optional_columns_in_order_in_any_case(string header, bool expiresAt, bool reason)
    {
        var (file, error) = Read(header + "\r\na@example.com,5" + (expiresAt ? ",2099-01-01" : "") + (reason ? ",why" : ""));

        Assert.Null(error);
        Assert.Equal(new BulkColumns(expiresAt, reason), file!.Columns);
    }

    [Theory]
    [InlineData("amount,email")]
    [InlineData("email")]
    [InlineData("email,amount,reason,expires_at")]
    [InlineData("email,amount,note")]
    [InlineData("a@example.com,5")]
    public void A_file_without_the_exact_header_is_refused(string header)
    {
        var (file, error) = Read(header + "\na@example.com,5");

        Assert.Null(file);
        Assert.StartsWith("The first line must be the header email,amount[,expires_at][,reason]", error);
    }

    [Fact]
    public void Quoted_cells_hold_commas_quotes_and_line_breaks()
    {
        var (file, _) = Read("email,amount,reason\n\"a@example.com\",\"5\",\"one, \"\"two\"\"\nthree\"\r\nb@example.com,6,plain\n");

        Assert.Equal(["a@example.com", "5", "one, \"two\"\nthree"], file!.Records[0].Cells);
        Assert.Equal(new BulkRecord(2, ["b@example.com", "6", "plain"]), file.Records[1], new RecordComparer());
    }

    [Fact]
    public void Blank_lines_are_skipped_and_not_counted()
    {
        var (file, _) = Read("email,amount\n\na@example.com,1\n,\n\r\nb@example.com,2\n\n");

        Assert.Equal([1, 2], file!.Records.Select(r => r.Row));
        Assert.Equal("b@example.com", file.Records[1].Cells[0]);
    }

    [Fact]
    public void A_byte_order_mark_is_ignored()
    {
        var (file, error) = BulkCsv.Read([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("email,amount\na@example.com,1")]);

        Assert.Null(error);
        Assert.Single(file!.Records);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x65, 0x00, 0x6D, 0x00 })]
    [InlineData(new byte[] { 0x65, 0x6D, 0x61, 0x69, 0x6C, 0x2C, 0x61, 0x6D, 0x6F, 0x75, 0x6E, 0x74, 0x0A, 0x6A, 0xF6, 0x72, 0x67, 0x2C, 0x31 })]
    public void A_file_that_is_not_UTF8_is_refused_with_a_clear_message(byte[] bytes)
    {
        var (file, error) = BulkCsv.Read(bytes);

        Assert.Null(file);
        Assert.Equal("The file is not UTF-8 text. Save it as \"CSV UTF-8\" and upload it again.", error);
    }

    [Fact]
    public void Fifty_thousand_rows_are_accepted_and_one_more_is_refused()
    {
        var (full, fullError) = Read(Rows(BulkCsv.MaxRows));
        var (over, overError) = Read(Rows(BulkCsv.MaxRows + 1));

        Assert.Null(fullError);
        Assert.Equal(BulkCsv.MaxRows, full!.Records.Count);
        Assert.Null(over);
        Assert.Equal("The file has more than 50,000 rows. Split it into files of at most 50,000 rows.", overError);
    }

    [Theory]
    [InlineData("", "The file is empty.")]
    [InlineData("email,amount\n", "The file has a header but no rows.")]
    [InlineData("email,amount\na@example.com,1\n\"b@example.com,2\n", "Line 3 opens a quoted cell that is never closed.")]
    public void Empty_headless_and_broken_files_are_refused(string text, string message)
    {
        var (file, error) = Read(text);

        Assert.Null(file);
        Assert.StartsWith(message, error);
    }

    private static string Rows(int count) =>
        "email,amount\n" + string.Concat(Enumerable.Range(1, count).Select(i => $"u{i}@example.com,1\n"));

    private static (BulkFile? File, string? Error) Read(string text) => BulkCsv.Read(Encoding.UTF8.GetBytes(text));

    private sealed class RecordComparer : IEqualityComparer<BulkRecord>
    {
        public bool Equals(BulkRecord? x, BulkRecord? y) => x!.Row == y!.Row && x.Cells.SequenceEqual(y.Cells);

        public int GetHashCode(BulkRecord obj) => obj.Row;
    }
}
