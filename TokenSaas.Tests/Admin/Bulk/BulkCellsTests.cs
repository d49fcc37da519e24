using TokenSaas.Admin.Bulk;

namespace TokenSaas.Tests.Admin.Bulk;

public sealed class BulkCellsTests
{
    private static readonly DateTime Now = new(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("1", 1L, null)]
    [InlineData(" 1000000000 ", 1_000_000_000L, null)]
    [InlineData("0", null, "the amount must be at least 1")]
    [InlineData("-5", null, "the amount must be at least 1")]
    [InlineData("1000000001", null, "the amount must be at most 1,000,000,000")]
    [InlineData("99999999999999999999999", null, "the amount must be at most 1,000,000,000")]
    [InlineData("abc", null, "the amount is not a whole number")]
    [InlineData("1.5", null, "the amount is not a whole number")]
    [InlineData("1e3", null, "the amount is not a whole number")]
    [InlineData("=1+1", null, "the amount is not a whole number")]
    [InlineData("", null, "the amount is missing")]
    public void Amounts_are_whole_numbers_from_one_to_a_billion(string cell, long? amount, string? error) =>
        Assert.Equal((amount, error), BulkCells.Amount(cell));

    [Theory]
    [InlineData("2026-11-22", "2026-11-23T00:00:00")]
    [InlineData("2026-11-21T18:30", "2026-11-21T18:30:00")]
    [InlineData("2026-11-21T18:30:00Z", "2026-11-21T18:30:00")]
    [InlineData("2026-11-21T20:30:00+02:00", "2026-11-21T18:30:00")]
    public void Expiry_is_a_date_or_date_time_in_the_site_zone_unless_it_says_otherwise(string cell, string utc)
    {
        var (at, error) = BulkCells.ExpiresAt(cell, Now, TimeZoneInfo.Utc);

        Assert.Null(error);
        Assert.Equal(DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), at);
    }

    [Fact]
    public void A_date_lasts_through_that_day_in_the_site_zone()
    {
        var kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");

        Assert.Equal(new DateTime(2026, 11, 23, 18, 30, 0), BulkCells.ExpiresAt("2026-11-23", Now, kolkata).ExpiresAt);
    }

    [Theory]
    [InlineData("2026-11-20", "the expiry must be in the future")]
    [InlineData("2020-01-01T00:00Z", "the expiry must be in the future")]
    [InlineData("tomorrow", "the expiry must be a date (2027-01-31) or a date and time (2027-01-31T18:00, 2027-01-31T18:00Z)")]
    [InlineData("31/01/2027", "the expiry must be a date (2027-01-31) or a date and time (2027-01-31T18:00, 2027-01-31T18:00Z)")]
    public void A_past_or_unreadable_expiry_is_a_row_error(string cell, string error) =>
        Assert.Equal(error, BulkCells.ExpiresAt(cell, Now, TimeZoneInfo.Utc).Error);

    [Theory]
    [InlineData("=cmd|' /C calc'!A0", "the reason starts with '=', which a spreadsheet would run as a formula")]
    [InlineData("@SUM(A1)", "the reason starts with '@', which a spreadsheet would run as a formula")]
    [InlineData("+1", "the reason starts with '+', which a spreadsheet would run as a formula")]
    [InlineData("two\nlines", "the reason must be one line of text")]
    public void Formula_and_multi_line_reasons_are_row_errors(string cell, string error) =>
        Assert.Equal(error, BulkCells.Reason(cell).Error);

    [Fact]
    public void A_reason_over_200_characters_is_a_row_error()
    {
        Assert.Equal("the reason is longer than 200 characters", BulkCells.Reason(new string('x', 201)).Error);
        Assert.Equal(new string('x', 200), BulkCells.Reason(new string('x', 200)).Reason);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "the email starts with '=', which a spreadsheet would run as a formula")]
    [InlineData("no-at-sign.example.com", "the email is not an email address")]
    [InlineData("a@b@example.com", "the email is not an email address")]
    [InlineData("a b@example.com", "the email is not an email address")]
    [InlineData("", "the email is missing")]
    public void Emails_that_cannot_be_addresses_are_row_errors(string cell, string error) =>
        Assert.Equal(error, BulkCells.Email(cell).Error);
}
