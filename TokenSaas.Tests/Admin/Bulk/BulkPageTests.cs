using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Admin.Bulk;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Admin.Bulk;

public abstract class BulkPageTests(TestApp app)
{
    [Fact]
    public async Task An_admin_uploads_a_file_reads_the_check_confirms_and_watches_it_finish()
    {
        var users = await app.CreateUsersAsync(2);
        var admin = await app.AdminBrowserAsync();
        var csv = BulkSteps.Csv("email,amount", [$"{users[0].Email},10", $"{users[1].Email},20", "<script>alert(1)</script>@example.com,5"]);

        var upload = await admin.UploadAsync(csv, "Beta testers");
        var checkPage = await admin.GetHtmlAsync(upload.Location()!);
        var confirmPage = await (await admin.PostFormAsync(checkPage, "form[action*='handler=ConfirmStart']")).ReadHtmlAsync();
        var started = await admin.PostFormAsync(confirmPage, "form[action*='handler=Start']");
        var id = long.Parse(upload.Location()!.Split('/').Last());
        await app.WaitForAsync(id, BulkStatus.Done);
        var donePage = await admin.GetHtmlAsync(upload.Location()!);

        Assert.Matches("^/admin/users/bulk/[0-9]+$", upload.Location());
        Assert.Contains("2 of 3 rows are valid", Text(checkPage, "[data-testid=bulk-check-summary]"));
        Assert.Contains("<script>alert(1)</script>@example.com", checkPage.QuerySelector("[data-testid=bulk-problems]")!.TextContent);
        Assert.Null(checkPage.QuerySelector("[data-testid=bulk-problems] script"));
        Assert.Contains("Grant 30 bonus tokens to 2 users", Text(confirmPage, "[data-testid=bulk-confirm-text]"));
        Assert.Equal(upload.Location(), started.Location());
        Assert.Equal("done", donePage.QuerySelector("[data-testid=bulk-progress]")!.GetAttribute("data-status"));
        Assert.Null(donePage.QuerySelector("[data-testid=bulk-progress]")!.GetAttribute("hx-get"));
        Assert.Equal($"/api/admin/tokens/bulk/{id}/results.csv", donePage.QuerySelector("[data-testid=bulk-results]")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/admin/tokens/bulk/{id}/results.csv")).StatusCode);
        Assert.Equal(30, (await app.BatchAsync(id)).TotalTokens);
    }

    [Fact]
    public async Task A_refused_file_is_explained_beside_the_file_field_and_nothing_is_stored()
    {
        var admin = await app.AdminBrowserAsync();
        var before = await app.BatchCountAsync();

        var response = await admin.UploadAsync("name,tokens\nx@example.com,5\n", "Beta testers");
        var page = await response.ReadHtmlAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("The first line must be the header", page.QuerySelector("#bulk-file-error")!.TextContent.Trim());
        Assert.Equal(before, await app.BatchCountAsync());
    }

    [Fact]
    public async Task The_progress_partial_polls_while_running_and_asks_for_a_reload_once_done()
    {
        var users = await app.CreateUsersAsync(1);
        var admin = await app.AdminBrowserAsync();
        var id = long.Parse((await admin.UploadAsync($"email,amount\n{users[0].Email},5\n", "Polling")).Location()!.Split('/').Last());
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.WithDbAsync(db => db.BulkBatches.Where(b => b.Id == id).ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BulkStatus.Running)
            .SetProperty(b => b.LeaseOwner, "elsewhere").SetProperty(b => b.LeaseUntil, now.AddHours(1))));

        var running = await admin.GetHtmlAsync($"/admin/users/bulk/{id}");
        await app.WithDbAsync(db => db.BulkBatches.Where(b => b.Id == id).ExecuteUpdateAsync(s => s.SetProperty(b => b.LeaseUntil, now.AddHours(-1))));
        // The lapsed lease is taken over at the worker's next round; wake it rather than wait out its poll interval.
        await app.WaitForAsync(id, BulkStatus.Done, wake: app.Services.GetRequiredService<BulkSignal>());
        var poll = new HttpRequestMessage(HttpMethod.Get, $"/admin/users/bulk/{id}?handler=Progress") { Headers = { { "HX-Request", "true" } } };
        var finished = await admin.SendAsync(poll);

        var progress = running.QuerySelector("#bulk-progress")!;
        Assert.Equal(($"/admin/users/bulk/{id}?handler=Progress", "every 1s", "outerHTML"),
            (progress.GetAttribute("hx-get"), progress.GetAttribute("hx-trigger"), progress.GetAttribute("hx-swap")));
        Assert.Equal("true", finished.Headers.GetValues("HX-Refresh").Single());
        Assert.StartsWith("<div id=\"bulk-progress\"", (await finished.Content.ReadAsStringAsync()).TrimStart());
    }

    [Fact]
    public async Task An_admin_reverses_a_batch_with_a_reason_after_a_confirm_step()
    {
        var users = await app.CreateUsersAsync(2);
        var admin = await app.AdminBrowserAsync();
        var id = await app.RunAsync(BulkSteps.Csv("email,amount", users.Select(u => $"{u.Email},25")));
        var page = await admin.GetHtmlAsync($"/admin/users/bulk/{id}");

        var noReason = await (await admin.PostFormAsync(page, "form[action*='handler=ConfirmReverse']")).ReadHtmlAsync();
        var confirm = await (await admin.PostFormAsync(page, "form[action*='handler=ConfirmReverse']",
            new() { ["ReverseReason"] = "Wrong segment" })).ReadHtmlAsync();
        var reversed = await admin.PostFormAsync(confirm, "form[action*='handler=Reverse']");
        var batch = await app.WaitForAsync(id, BulkStatus.Reversed);

        Assert.Equal("Give a reason for reversing the batch.", noReason.QuerySelector("#reverse-reason-error")!.TextContent.Trim());
        Assert.Contains("from 2 users", Text(confirm, "[data-testid=bulk-reverse-confirm-text]"));
        Assert.Equal($"/admin/users/bulk/{id}", reversed.Location());
        Assert.Equal(2, batch.ReversedRows);
        Assert.Equal("Wrong segment", (await app.AuditRowsAsync(id)).Last().Reason);
        Assert.Equal(10, await app.BalanceAsync(users[0].Id));
    }

    [Fact]
    public async Task The_jobs_page_lists_recent_batches_with_their_progress()
    {
        var users = await app.CreateUsersAsync(1);
        var id = await app.RunAsync($"email,amount\n{users[0].Email},5\n");

        var page = await (await app.AdminBrowserAsync()).GetHtmlAsync("/admin/jobs");

        var row = page.QuerySelectorAll("[data-testid=bulk-batches] tbody tr").Single(r => r.QuerySelector($"a[href='/admin/users/bulk/{id}']") is not null);
        Assert.Contains("done", row.TextContent);
        Assert.Contains("1 of 1", row.TextContent);
    }

    private static string Text(IHtmlDocument page, string selector) =>
        System.Text.RegularExpressions.Regex.Replace(page.QuerySelector(selector)!.TextContent, @"\s+", " ");
}

public static class BulkPages
{
    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient client, string csv, string reason)
    {
        var page = await client.GetHtmlAsync("/admin/users/bulk");
        var token = page.QuerySelector("[data-testid=bulk-upload] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new("text/csv");
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(reason), "Input.Reason" },
            { file, "Input.File", "allocations.csv" },
        };
        return await client.PostAsync("/admin/users/bulk", form);
    }

    /// <summary>Posts a form of a page already in hand (a confirm step exists only in a POST's answer).</summary>
    public static Task<HttpResponseMessage> PostFormAsync(this HttpClient client, IHtmlDocument page, string selector,
        Dictionary<string, string>? fields = null)
    {
        var form = (IHtmlFormElement)(page.QuerySelector(selector) ?? throw new InvalidOperationException($"No form matches '{selector}'."));
        var values = form.QuerySelectorAll("input[name]").OfType<IHtmlInputElement>().ToDictionary(i => i.Name!, i => i.Value);
        foreach (var (name, value) in fields ?? [])
        {
            values[name] = value;
        }

        return client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(values));
    }
}

public sealed class BulkPageTests_Sqlite(SqliteApp app) : BulkPageTests(app), IClassFixture<SqliteApp>;

public sealed class BulkPageTests_Postgres(PostgresApp app) : BulkPageTests(app), IClassFixture<PostgresApp>;
