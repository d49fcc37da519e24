using Microsoft.EntityFrameworkCore;
using TokenSaas.Audit;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Audit;

/// <summary>
/// Someone with database access edits or deletes audit rows; verify must name the row. Each test
/// puts the log back as it was afterwards (and checks that verify is clean again), because the
/// tests of one class share one database.
/// </summary>
public abstract class AuditTamperTests(TestApp app)
{
    [Fact]
    public async Task Editing_a_rows_reason_is_reported_at_that_row()
    {
        var (_, middle, _) = await ThreeRowsAsync();

        var report = await WhileEditedAsync(middle.Id, "reason", "nothing to see", middle.Reason!);

        Assert.Equal(middle.Id, report.FirstBroken?.Id);
        Assert.Contains("edited", report.FirstBroken!.Problem);
    }

    [Fact]
    public async Task Editing_a_rows_after_json_is_reported_at_that_row()
    {
        var (first, _, _) = await ThreeRowsAsync();

        var report = await WhileEditedAsync(first.Id, "after", "{\"balance\":999999}", first.After!);

        Assert.Equal(first.Id, report.FirstBroken?.Id);
        Assert.Contains("edited", report.FirstBroken!.Problem);
    }

    [Fact]
    public async Task Deleting_a_middle_row_names_the_missing_id()
    {
        var (_, middle, _) = await ThreeRowsAsync();

        var report = await WhileDeletedAsync(middle);

        Assert.Equal(middle.Id, report.FirstBroken?.Id);
        Assert.Contains($"row {middle.Id} is missing", report.FirstBroken!.Problem);
    }

    [Fact]
    public async Task Deleting_the_newest_row_is_reported_by_the_chains_head()
    {
        var (_, _, newest) = await ThreeRowsAsync();

        var report = await WhileDeletedAsync(newest);

        Assert.Equal(newest.Id, report.FirstBroken?.Id);
        Assert.Contains("newest were deleted", report.FirstBroken!.Problem);
    }

    [Fact]
    public async Task The_verify_page_and_command_name_the_broken_row()
    {
        var (_, middle, _) = await ThreeRowsAsync();
        var admin = app.CreateBrowser();
        await admin.LogInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var clean = await VerifyPageAsync(admin);
        await SetAsync(middle.Id, "reason", "x");
        try
        {
            var broken = await VerifyPageAsync(admin);
            var (exitCode, output) = await VerifyCommand.RunAsync(app);

            Assert.Matches(@"^Audit log: [\d,]+ rows, chain intact\.$", clean);
            Assert.StartsWith($"Audit log: chain broken at row {middle.Id} — row {middle.Id} was edited", broken);
            Assert.Equal(1, exitCode);
            Assert.Contains($"Audit log verification FAILED: chain broken at row {middle.Id}", output);
            Assert.Contains($"\"first_broken\": {middle.Id}", output);
            Assert.Contains("no differences", output);
        }
        finally
        {
            await SetAsync(middle.Id, "reason", middle.Reason!);
        }

        var (restoredExit, restoredOutput) = await VerifyCommand.RunAsync(app);
        Assert.True(restoredExit == 0, restoredOutput);
        Assert.Contains("chain intact", restoredOutput);
    }

    [Fact]
    public async Task The_api_reports_the_first_broken_row()
    {
        var (_, middle, _) = await ThreeRowsAsync();
        using var intact = await app.AdminApi().GetJsonAsync("/api/admin/audit/verify");

        await WhileDeletedAsync(middle, async () =>
        {
            using var broken = await app.AdminApi().GetJsonAsync("/api/admin/audit/verify");
            Assert.Equal(middle.Id, broken.RootElement.GetProperty("first_broken").GetInt64());
            Assert.Contains("missing", broken.RootElement.GetProperty("problem").GetString());
        });

        Assert.Equal(System.Text.Json.JsonValueKind.Null, intact.RootElement.GetProperty("first_broken").ValueKind);
        Assert.True(intact.RootElement.GetProperty("rows_checked").GetInt64() >= 3);
    }

    private async Task<(AuditEntry First, AuditEntry Middle, AuditEntry Newest)> ThreeRowsAsync()
    {
        var user = await app.NewApiUserAsync();
        foreach (var reason in new[] { "first", "second", "third" })
        {
            await app.AllocateAsync(user.UserId, Admins.Act(reason));
        }

        Assert.Null((await app.VerifyAuditAsync()).FirstBroken);
        var rows = await app.AuditRowsAsync(user.UserId);
        return (rows[0], rows[1], rows[2]);
    }

    private async Task<AuditVerifyReport> WhileEditedAsync(long id, string column, string value, string original)
    {
        await SetAsync(id, column, value);
        try
        {
            return await app.VerifyAuditAsync();
        }
        finally
        {
            await SetAsync(id, column, original);
            Assert.Null((await app.VerifyAuditAsync()).FirstBroken);
        }
    }

    private Task<int> SetAsync(long id, string column, string value) => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
        column == "after" ? "UPDATE audit_entries SET \"after\" = {0} WHERE id = {1}" : "UPDATE audit_entries SET reason = {0} WHERE id = {1}",
        value, id));

    private async Task<AuditVerifyReport> WhileDeletedAsync(AuditEntry row, Func<Task>? check = null)
    {
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries WHERE id = {0}", row.Id));
        try
        {
            if (check is not null)
            {
                await check();
            }

            return await app.VerifyAuditAsync();
        }
        finally
        {
            await app.WithDbAsync(db =>
            {
                db.AuditEntries.Add(row);
                return db.SaveChangesAsync();
            });
            Assert.Null((await app.VerifyAuditAsync()).FirstBroken);
        }
    }

    private static async Task<string> VerifyPageAsync(HttpClient admin)
    {
        var page = await (await admin.SubmitFormAsync("/admin/ledger/verify", new Dictionary<string, string>())).ReadHtmlAsync();
        return System.Text.RegularExpressions.Regex.Replace(
            page.QuerySelector("[data-testid=audit-verify-result]")!.TextContent, @"\s+", " ").Trim();
    }
}

public sealed class AuditTamperTests_Sqlite(SqliteApp app) : AuditTamperTests(app), IClassFixture<SqliteApp>;

public sealed class AuditTamperTests_Postgres(PostgresApp app) : AuditTamperTests(app), IClassFixture<PostgresApp>;
