using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Admin.Bulk;
using TokenSaas.Audit;
using TokenSaas.Ledger;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Admin.Bulk;

public abstract class BulkRunTests(TestApp app)
{
    private const long Welcome = 10;

    [Fact]
    public async Task A_run_grants_each_valid_row_exactly_once()
    {
        var users = await app.CreateUsersAsync(40);
        var expiry = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var lines = users.Select((u, i) => $"{u.Email},{i + 1},{(i % 2 == 0 ? expiry : "")},")
            .Append("nobody-for-this@example.com,5,,").Append($"{users[0].Email},5,,");

        var id = await app.RunAsync(BulkSteps.Csv("email,amount,expires_at,reason", lines));

        var batch = await app.BatchAsync(id);
        var rows = await app.RowsAsync(id);
        var entries = await app.BatchEntriesAsync(id);
        Assert.Equal((42, 40, 40, 0), (batch.Rows, batch.Valid, batch.Done, batch.Failed));
        Assert.Equal(40, entries.Count);
        Assert.All(entries, e => Assert.Equal((LedgerEntryType.Grant, GrantBucket.Bonus), (e.Type, e.Bucket)));
        Assert.Equal(rows.Where(r => r.Status == BulkRowStatus.Granted).Select(r => r.EntryId).Order(), entries.Select(e => (long?)e.Id).Order());
        for (var i = 0; i < users.Count; i++)
        {
            Assert.Equal(Welcome + i + 1, await app.BalanceAsync(users[i].Id));
        }

        var expiring = await app.WithDbAsync(db => db.Grants.Where(g => g.Source == "bulk" && g.ExpiresAt != null)
            .Join(db.LedgerEntries.Where(e => e.IdempotencyKey.StartsWith($"bulk:{id}:")), g => g.Id, e => e.GrantId, (g, e) => g).CountAsync());
        Assert.Equal(20, expiring);
        Assert.True((await app.VerifyAsync()).Clean);
    }

    [Fact]
    public async Task A_row_the_ledger_granted_before_a_crash_is_answered_by_its_first_entry_not_granted_again()
    {
        var users = await app.CreateUsersAsync(3);
        var admin = app.AdminApi();
        using var check = await (await admin.PostCsvAsync(BulkSteps.Csv("email,amount", users.Select(u => $"{u.Email},40")))).ReadJsonAsync();
        var id = check.RootElement.GetProperty("batch_id").GetInt64();
        var key = BulkKeys.Row(id, 2);
        var early = await app.WithScopeAsync(s => s.GetRequiredService<LedgerService>().GrantAsync(users[1].Id,
            new TokenGrant(GrantBucket.Bonus, 40, "bulk", key, "crashed-run", "Bulk allocation: test batch") { CorrelationId = key }));

        await admin.PostAsync($"/api/admin/tokens/bulk/{id}/start", null);
        await app.WaitForAsync(id, BulkStatus.Done);

        Assert.Equal(early.Value!.EntryId, (await app.RowsAsync(id))[1].EntryId);
        Assert.Equal(3, (await app.BatchEntriesAsync(id)).Count);
        Assert.Equal(Welcome + 40, await app.BalanceAsync(users[1].Id));
    }

    [Fact]
    public async Task Starting_a_batch_again_and_again_grants_once_and_writes_one_audit_row()
    {
        var users = await app.CreateUsersAsync(5);
        var admin = app.AdminApi();
        using var check = await (await admin.PostCsvAsync(BulkSteps.Csv("email,amount", users.Select(u => $"{u.Email},20")),
            reason: "Spring promotion")).ReadJsonAsync();
        var id = check.RootElement.GetProperty("batch_id").GetInt64();

        var starts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => admin.PostAsync($"/api/admin/tokens/bulk/{id}/start", null)));
        await app.WaitForAsync(id, BulkStatus.Done);
        var again = await admin.PostAsync($"/api/admin/tokens/bulk/{id}/start", null);

        Assert.All(starts.Append(again), r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.Equal(5, (await app.BatchEntriesAsync(id)).Count);
        var audit = Assert.Single(await app.AuditRowsAsync(id));
        Assert.Equal((AuditActions.Bulk, "Spring promotion"), (audit.Action, audit.Reason));
        using var after = JsonDocument.Parse(audit.After!);
        Assert.Equal((id, 5, 5, 100L), (after.RootElement.GetProperty("batch_id").GetInt64(), after.RootElement.GetProperty("rows").GetInt32(),
            after.RootElement.GetProperty("valid").GetInt32(), after.RootElement.GetProperty("total_tokens").GetInt64()));
    }

    [Fact]
    public async Task Reversal_leaves_balances_as_before_and_reports_what_was_already_spent()
    {
        var users = await app.CreateUsersAsync(3);
        var before = new List<long>();
        foreach (var u in users)
        {
            before.Add(await app.BalanceAsync(u.Id));
        }

        var id = await app.RunAsync(BulkSteps.Csv("email,amount", users.Select(u => $"{u.Email},100")));
        var spent = await app.WithScopeAsync(s => s.GetRequiredService<LedgerService>()
            .AdjustAsync(users[0].Id, -(Welcome + 5), "spent before the reversal", $"spend-{Guid.NewGuid():N}", "test"));
        Assert.True(spent.Succeeded);

        var admin = app.AdminApi();
        var responses = await Task.WhenAll(admin.ReverseAsync(id, "Sent to the wrong list"), admin.ReverseAsync(id, "Sent to the wrong list"));
        var batch = await app.WaitForAsync(id, BulkStatus.Reversed);
        var replay = await admin.ReverseAsync(id, "Sent to the wrong list");

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal((3, 5L), (batch.ReversedRows, batch.ReversalShortfall));
        Assert.Equal([0, before[1], before[2]], [await app.BalanceAsync(users[0].Id), await app.BalanceAsync(users[1].Id), await app.BalanceAsync(users[2].Id)]);
        Assert.Equal([95L, 100L, 100L], (await app.RowsAsync(id)).Select(r => r.ReversedTokens ?? -1));
        Assert.All(await app.RowsAsync(id), r => Assert.Equal(BulkRowStatus.Reversed, r.Status));
        var reversals = (await app.BatchEntriesAsync(id)).Where(e => e.Type == LedgerEntryType.Clawback).ToList();
        Assert.Equal(3, reversals.Count);
        Assert.All(reversals, e => Assert.StartsWith($"Reversal of bulk allocation #{id}: ", e.Description));
        Assert.Equal([AuditActions.Bulk, AuditActions.BulkReverse], (await app.AuditRowsAsync(id)).Select(a => a.Action));
        Assert.True((await app.VerifyAsync()).Clean);
    }

    [Fact]
    public async Task Only_a_finished_batch_can_be_reversed_and_only_with_a_reason()
    {
        var user = (await app.CreateUsersAsync(1))[0];
        var admin = app.AdminApi();
        using var check = await (await admin.PostCsvAsync($"email,amount\n{user.Email},5\n")).ReadJsonAsync();
        var id = check.RootElement.GetProperty("batch_id").GetInt64();

        var unstarted = await admin.ReverseAsync(id);
        var unknown = await admin.ReverseAsync(id + 1_000_000);
        await admin.PostAsync($"/api/admin/tokens/bulk/{id}/start", null);
        await app.WaitForAsync(id, BulkStatus.Done);
        var noReason = await admin.ReverseAsync(id, "  ");

        Assert.Equal(HttpStatusCode.Conflict, unstarted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal("A reason is required.", await noReason.ErrorAsync());
        Assert.Equal(BulkStatus.Done, (await app.BatchAsync(id)).Status);
    }

    [Fact]
    public async Task The_result_CSV_has_every_row_and_never_an_unescaped_formula()
    {
        var users = await app.CreateUsersAsync(2);
        var csv = BulkSteps.Csv("email,amount,reason", [
            $"{users[0].Email},5,ok", "\"=cmd|' /C calc'!A0\",5,x", "+SUM(1;2)@example.com,5,x", "-2+3@example.com,5,x",
            "@import@example.com,5,x", $"{users[1].Email},5,\"=HYPERLINK(\"\"http://evil\"\")\"", "\"\tx@example.com\",5,x",
        ]);
        var id = await app.RunAsync(csv);

        var response = await app.AdminApi().GetAsync($"/api/admin/tokens/bulk/{id}/results.csv");
        var text = await response.Content.ReadAsStringAsync();
        var (file, error) = (BulkCsv.Read(Encoding.UTF8.GetBytes(text.Replace(BulkQueries.ResultsHeader, "email,amount"))));

        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.StartsWith(BulkQueries.ResultsHeader + "\n", text);
        Assert.Null(error);
        Assert.Equal(7, file!.Records.Count);
        Assert.All(file.Records.SelectMany(r => r.Cells), cell => Assert.False(BulkCells.Formula(cell), $"unescaped cell: {cell}"));
        Assert.Equal(["1", "granted"], [file.Records[0].Cells[0], file.Records[0].Cells[3]]);
        Assert.Equal("'=cmd|' /C calc'!A0", file.Records[1].Cells[1]);
    }

    [Fact]
    public async Task A_retried_one_call_start_with_the_same_key_returns_the_first_batch()
    {
        var user = (await app.CreateUsersAsync(1))[0];
        var admin = app.AdminApi();
        var key = $"&idempotency_key=retry-{Guid.NewGuid():N}";

        using var first = await (await admin.PostCsvAsync($"email,amount\n{user.Email},30\n", dryRun: false, extra: key)).ReadJsonAsync();
        var retry = await admin.PostCsvAsync($"email,amount\n{user.Email},30\n", dryRun: false, extra: key);
        using var second = await retry.ReadJsonAsync();
        var id = first.RootElement.GetProperty("batch_id").GetInt64();
        await app.WaitForAsync(id, BulkStatus.Done);

        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.Equal(id, second.RootElement.GetProperty("batch_id").GetInt64());
        Assert.Equal(Welcome + 30, await app.BalanceAsync(user.Id));
    }

    [Fact]
    public async Task A_row_whose_user_left_before_its_turn_fails_and_the_others_are_granted()
    {
        var users = await app.CreateUsersAsync(3);
        var admin = app.AdminApi();
        using var check = await (await admin.PostCsvAsync(BulkSteps.Csv("email,amount", users.Select(u => $"{u.Email},9")))).ReadJsonAsync();
        var id = check.RootElement.GetProperty("batch_id").GetInt64();
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == users[1].Id).ExecuteDeleteAsync());

        await admin.PostAsync($"/api/admin/tokens/bulk/{id}/start", null);
        var batch = await app.WaitForAsync(id, BulkStatus.Done);
        var status = await admin.StatusAsync(id);

        Assert.Equal((3, 1), (batch.Done, batch.Failed));
        Assert.Equal("The user no longer exists.", (await app.RowsAsync(id))[1].Error);
        Assert.Equal(("done", 3, 3, 1), (status.GetProperty("status").GetString(), status.GetProperty("rows").GetInt32(),
            status.GetProperty("done").GetInt32(), status.GetProperty("failed").GetInt32()));
        Assert.Equal(Welcome + 9, await app.BalanceAsync(users[2].Id));
    }

    [Fact]
    public async Task The_audit_chain_stays_intact_through_starts_and_reversals()
    {
        var users = await app.CreateUsersAsync(2);
        var id = await app.RunAsync(BulkSteps.Csv("email,amount", users.Select(u => $"{u.Email},3")));
        await app.AdminApi().ReverseAsync(id);
        await app.WaitForAsync(id, BulkStatus.Reversed);

        var rows = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync());

        Assert.All(rows, r => Assert.Equal(AuditChain.Hash(r), r.Hash));
        Assert.All(rows.Skip(1).Zip(rows), pair => Assert.Equal(pair.Second.Hash, pair.First.PrevHash));
    }
}

public sealed class BulkRunTests_Sqlite(SqliteApp app) : BulkRunTests(app), IClassFixture<SqliteApp>;

public sealed class BulkRunTests_Postgres(PostgresApp app) : BulkRunTests(app), IClassFixture<PostgresApp>;
