using System.Net;
using System.Text;
using TokenSaas.Admin.Bulk;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Admin.Bulk;

public abstract class BulkCheckTests(TestApp app)
{
    [Fact]
    public async Task The_dry_run_names_every_bad_row_and_totals_the_good_ones()
    {
        var u = await app.CreateUsersAsync(12);
        var csv = BulkSteps.Csv("email,amount,expires_at,reason",
        [
            $"{u[0].Email},100,,",
            "nobody-here@example.com,5,,",
            $"{u[1].Email},0,,",
            $"{u[2].Email},-5,,",
            $"{u[3].Email},1000000001,,",
            $"{u[4].Email},abc,,",
            $"{u[0].Email.ToUpperInvariant()},5,,",
            $"{u[5].Email},5,,{new string('r', 201)}",
            "\"=cmd|' /C calc'!A0\",5,,",
            $"{u[6].Email},5,,\"=HYPERLINK(\"\"http://evil\"\")\"",
            $"{u[7].Email},5,2000-01-01,",
            $"{u[8].Email},5,someday,",
            $"{u[9].Email},7,2099-12-31,own reason",
            $"{u[10].Email},8",
        ]);

        var response = await app.AdminApi().PostCsvAsync(csv);
        using var json = await response.ReadJsonAsync();
        var root = json.RootElement;
        var errors = root.GetProperty("invalid").EnumerateArray()
            .ToDictionary(e => e.GetProperty("row").GetInt32(), e => e.GetProperty("error").GetString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("checked", root.GetProperty("status").GetString());
        Assert.Equal(14, root.GetProperty("rows").GetInt32());
        Assert.Equal(2, root.GetProperty("valid").GetInt32());
        Assert.Equal(107, root.GetProperty("total_tokens").GetInt64());
        Assert.Equal(new Dictionary<int, string?>
        {
            [2] = "No user has this email.",
            [3] = "The amount must be at least 1.",
            [4] = "The amount must be at least 1.",
            [5] = "The amount must be at most 1,000,000,000.",
            [6] = "The amount is not a whole number.",
            [7] = "The same email as row 1.",
            [8] = "The reason is longer than 200 characters.",
            [9] = "The email starts with '=', which a spreadsheet would run as a formula.",
            [10] = "The reason starts with '=', which a spreadsheet would run as a formula.",
            [11] = "The expiry must be in the future.",
            [12] = "The expiry must be a date (2027-01-31) or a date and time (2027-01-31T18:00, 2027-01-31T18:00Z).",
            [14] = "Expected 4 cells (email,amount,expires_at,reason), found 2.",
        }, errors);
    }

    [Fact]
    public async Task The_dry_run_stores_the_check_and_grants_nothing()
    {
        var users = await app.CreateUsersAsync(2);
        var response = await app.AdminApi().PostCsvAsync(BulkSteps.Csv("email,amount", users.Select(x => $"{x.Email},50")));
        using var json = await response.ReadJsonAsync();
        var id = json.RootElement.GetProperty("batch_id").GetInt64();

        var batch = await app.BatchAsync(id);
        var rows = await app.RowsAsync(id);

        Assert.Equal(BulkStatus.Checked, batch.Status);
        Assert.Equal((2, 2, 100L), (batch.Rows, batch.Valid, batch.TotalTokens));
        Assert.All(rows, r => Assert.Equal(BulkRowStatus.Pending, r.Status));
        Assert.Equal(users.Select(x => x.Id), rows.Select(r => r.UserId));
        Assert.Empty(await app.BatchEntriesAsync(id));
    }

    public static TheoryData<string, byte[], string?> RefusedFiles => new()
    {
        { "wrong header", Encoding.UTF8.GetBytes("mail,tokens\na@example.com,5\n"), "test" },
        { "bad encoding", [.. Encoding.UTF8.GetBytes("email,amount\n"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("@example.com,5\n")], "test" },
        { "too many rows", Encoding.UTF8.GetBytes("email,amount\n" + string.Concat(Enumerable.Repeat("a@example.com,1\n", 50_001))), "test" },
        { "empty", [], "test" },
        { "no rows", Encoding.UTF8.GetBytes("email,amount\n"), "test" },
        { "unclosed quote", Encoding.UTF8.GetBytes("email,amount\n\"a@example.com,5\n"), "test" },
        { "no reason for a row", Encoding.UTF8.GetBytes($"email,amount\n{TestApp.AdminEmail},5\n"), null },
        { "reason too long", Encoding.UTF8.GetBytes($"email,amount\n{TestApp.AdminEmail},5\n"), new string('x', 201) },
    };

    [Theory]
    [MemberData(nameof(RefusedFiles))]
    public async Task A_refused_file_is_a_400_with_a_message_and_stores_nothing(string why, byte[] file, string? reason)
    {
        var before = await app.BatchCountAsync();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new("text/csv");

        var response = await app.AdminApi().PostAsync(
            "/api/admin/tokens/bulk?dry_run=true" + (reason is null ? "" : "&reason=" + Uri.EscapeDataString(reason)), content);

        Assert.True(HttpStatusCode.BadRequest == response.StatusCode, why);
        Assert.False(string.IsNullOrWhiteSpace(await response.ErrorAsync()), why);
        Assert.Equal(before, await app.BatchCountAsync());
    }

    [Fact]
    public async Task Rows_with_their_own_reasons_need_no_batch_reason()
    {
        var user = (await app.CreateUsersAsync(1))[0];

        var response = await app.AdminApi().PostCsvAsync($"email,amount,reason\n{user.Email},5,Launch thank-you\n", reason: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_body_that_is_not_CSV_is_refused()
    {
        var response = await app.AdminApi().PostAsync("/api/admin/tokens/bulk?dry_run=true",
            new StringContent("{\"emails\":[]}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("send the file as the body with Content-Type: text/csv", await response.ErrorAsync());
    }

    [Fact]
    public async Task A_one_call_start_with_an_unusable_idempotency_key_is_refused_and_stores_nothing()
    {
        var user = (await app.CreateUsersAsync(1))[0];
        var before = await app.BatchCountAsync();

        var response = await app.AdminApi().PostCsvAsync($"email,amount\n{user.Email},5\n", dryRun: false,
            extra: "&idempotency_key=" + new string('k', 201));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("idempotency_key must be at most 200 characters.", await response.ErrorAsync());
        Assert.Equal(before, await app.BatchCountAsync());
    }

    [Fact]
    public async Task A_start_with_no_valid_row_is_refused_and_stores_nothing()
    {
        var before = await app.BatchCountAsync();

        var response = await app.AdminApi().PostCsvAsync("email,amount\nnobody-at-all@example.com,5\n", dryRun: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("No row is valid, so nothing was started.", await response.ErrorAsync());
        Assert.Equal(before, await app.BatchCountAsync());
    }
}

public sealed class BulkCheckTests_Sqlite(SqliteApp app) : BulkCheckTests(app), IClassFixture<SqliteApp>;

public sealed class BulkCheckTests_Postgres(PostgresApp app) : BulkCheckTests(app), IClassFixture<PostgresApp>;
