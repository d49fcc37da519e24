using System.Net;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Analytics.Exports;
using TokenSaas.Audit;
using TokenSaas.Payments;
using TokenSaas.Promotions;
using TokenSaas.Tests.Admin.Promotions;
using TokenSaas.Tests.Infrastructure;
using static TokenSaas.Tests.Analytics.Exports.ExportSteps;

namespace TokenSaas.Tests.Analytics.Exports;

public abstract class ExportTests(ExportsApp app)
{
    [Fact]
    public async Task The_ledger_export_holds_the_entries_of_whole_site_days_and_nothing_either_side()
    {
        var user = await app.NewApiUserAsync();
        for (var i = 0; i < 3; i++)
        {
            await user.GrantAsync(i + 1);
        }

        var day = new DateOnly(2025, 6, 10);
        var (start, end) = (app.Calendar().StartOf(day), app.Calendar().StartOf(day.AddDays(1)));
        var ids = await MoveEntriesAsync(user.UserId, [start.AddSeconds(-1), start, end.AddSeconds(-1), end]);

        var file = await app.ExportAsync("ledger", Day(day), Day(day));

        Assert.Equal(ExportCatalog.Ledger.Header, string.Join(',', file.Header));
        var mine = file.Where("user_id", user.UserId);
        Assert.Equal([ids[1].ToString(), ids[2].ToString()], mine.Select(r => r["id"]));
        var first = mine[0];
        var account = await app.WithDbAsync(db => db.TokenAccounts.SingleAsync(a => a.UserId == user.UserId));
        Assert.Equal((Iso(start), user.Email, account.Id.ToString(), "grant", "purchased", "1"),
            (first["created_at"], first["email"], first["account_id"], first["type"], first["bucket"], first["amount"]));
        Assert.Equal("2025-06-09T18:30:00Z", first["created_at"]);
        Assert.Equal("tokensaas-ledger-2025-06-10-to-2025-06-10.csv", file.FileName);
    }

    [Fact]
    public async Task Commas_quotes_line_breaks_and_formula_like_text_come_back_as_typed_and_a_formula_is_never_run()
    {
        var user = await app.NewApiUserAsync();
        var day = new DateOnly(2025, 7, 1);
        var id = (await MoveEntriesAsync(user.UserId, [app.Calendar().StartOf(day).AddHours(1)]))[0];
        const string typed = "=HYPERLINK(\"http://x\"), said \"hi\"\nsecond line";
        await app.WithDbAsync(db => db.LedgerEntries.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Description, typed)));

        var file = await app.ExportAsync("ledger", Day(day), Day(day));

        Assert.Equal("'" + typed, Assert.Single(file.Where("id", id.ToString()))["description"]);
        Assert.Contains("\"'=HYPERLINK(\"\"http://x\"\"), said \"\"hi\"\"\nsecond line\"", file.Text);
    }

    [Fact]
    public async Task Payments_redemptions_and_promotions_show_what_was_bought_with_a_code_today_and_not_on_another_day()
    {
        var code = Promos.NewCode("EXP");
        var name = $"Spring, \"big\" sale {code}";
        var promotion = await app.CreatePromotionAsync(code, PromotionType.PercentOff, 20, p => p.Name = name);
        var buyer = await app.NewApiUserAsync();
        var paid = await buyer.CheckoutAsync("inr_500", code);
        await app.PaidAsync(paid);
        var failed = await (await app.NewApiUserAsync()).CheckoutAsync("inr_500", code);
        await app.FailedAsync(failed);
        var today = await app.TodayAsync();
        var yesterday = Day(DateOnly.Parse(today).AddDays(-1));
        var payment = await app.WithDbAsync(db => db.Payments.AsNoTracking().SingleAsync(p => p.Id == paid));

        var payments = await app.ExportAsync("payments", today, today);
        var row = Assert.Single(payments.Where("id", paid));
        Assert.Equal((buyer.UserId, buyer.Email, "sandbox", "pack", "inr_500", "INR", "succeeded", code),
            (row["user_id"], row["email"], row["gateway"], row["kind"], row["item"], row["currency"], row["status"], row["promotion_code"]));
        Assert.Equal((payment.ListAmount.ToString(), payment.Discount.ToString(), payment.Amount.ToString(), Iso(payment.PaidAt!.Value)),
            (row["list_amount"], row["discount"], row["amount"], row["paid_at"]));
        Assert.True(payment.Discount > 0);
        Assert.Equal(("failed", ""), (Assert.Single(payments.Where("id", failed))["status"], payments.Where("id", failed)[0]["paid_at"]));
        Assert.DoesNotContain((await app.ExportAsync("payments", yesterday, yesterday)).Rows, r => r["id"] == paid || r["id"] == failed);

        var uses = (await app.ExportAsync("redemptions", today, today)).Where("promotion_id", promotion.Id.ToString());
        Assert.Equal(["counted", "freed"], uses.Select(u => u["status"]).Order());
        var counted = uses.Single(u => u["status"] == "counted");
        Assert.Equal((name, code, buyer.Email, "INR", payment.ListAmount.ToString(), payment.Discount.ToString(), payment.Amount.ToString(), paid),
            (counted["promotion"], counted["code"], counted["email"], counted["currency"], counted["list_amount"], counted["discount"],
                counted["final_amount"], counted["payment_id"]));
        Assert.NotEqual("", counted["counted_at"]);

        var promotions = await app.ExportAsync("promotions", today, today);
        var figures = Assert.Single(promotions.Where("id", promotion.Id.ToString()));
        Assert.Equal((name, "percent_off", "active", "1", "INR", "1", payment.Amount.ToString(), payment.Discount.ToString()),
            (figures["name"], figures["type"], figures["status"], figures["redeemed"], figures["revenue_currency"], figures["counted_in_range"],
                figures["net"], figures["discount"]));
        var before = Assert.Single((await app.ExportAsync("promotions", yesterday, yesterday)).Where("id", promotion.Id.ToString()));
        Assert.Equal(("1", "", "0", "0"), (before["redeemed"], before["revenue_currency"], before["counted_in_range"], before["net"]));
    }

    [Fact]
    public async Task The_users_export_lists_who_registered_in_the_range_with_their_plan_and_balance()
    {
        var user = await app.NewApiUserAsync();
        await user.GrantAsync(5);
        var today = await app.TodayAsync();

        var row = Assert.Single((await app.ExportAsync("users", today, today)).Where("id", user.UserId));
        Assert.Equal((user.Email, "basic", "15", "false", "5"),
            (row["email"], row["plan"], row["balance"], row["unlimited"], row["lifetime_purchased"]));
        var yesterday = Day(DateOnly.Parse(today).AddDays(-1));
        Assert.Empty((await app.ExportAsync("users", yesterday, yesterday)).Where("id", user.UserId));
    }

    [Fact]
    public async Task Each_download_writes_one_audit_row_naming_the_export_and_its_days()
    {
        var before = (await app.AuditRowsAsync("redemptions")).Count;

        await app.ExportAsync("redemptions", "2024-03-01", "2024-03-31");

        var rows = await app.AuditRowsAsync("redemptions");
        Assert.Equal(before + 1, rows.Count);
        var audit = rows.OrderByDescending(r => r.Id).First();
        Assert.Equal((AuditActions.Export, AuditTargets.Export), (audit.Action, audit.TargetType));
        Assert.Contains("\"from\":\"2024-03-01\"", audit.After);
        Assert.Contains("\"to\":\"2024-03-31\"", audit.After);
    }

    [Theory]
    [InlineData("nope.csv", HttpStatusCode.NotFound, "unknown export 'nope'; use ledger, payments, users, promotions or redemptions")]
    [InlineData("ledger.csv?from=2026-02-10&to=2026-02-01", HttpStatusCode.BadRequest, "to must be on or after from")]
    [InlineData("payments.csv?from=2020-01-01&to=2026-01-01", HttpStatusCode.BadRequest,
        "the range may be at most 731 days (two years); this one is 2193")]
    [InlineData("users.csv?from=21/11/2026", HttpStatusCode.BadRequest, "from must be a date like")]
    [InlineData("promotions.csv?to=tomorrow", HttpStatusCode.BadRequest, "to must be a date like")]
    public async Task Bad_requests_are_refused_with_a_message_and_nothing_is_audited(string url, HttpStatusCode status, string message)
    {
        var audited = await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.TargetType == AuditTargets.Export));

        var response = await app.AdminApi().GetAsync("/api/admin/exports/" + url);

        Assert.Equal(status, response.StatusCode);
        Assert.StartsWith(message, await response.ErrorAsync());
        Assert.Equal(audited, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.TargetType == AuditTargets.Export)));
    }

    [Fact]
    public async Task The_exports_page_offers_each_download_for_the_chosen_days_and_explains_a_bad_range()
    {
        var admin = await app.AdminBrowserAsync();

        var page = (await admin.GetHtmlAsync("/admin/exports?from=2026-01-01&to=2026-01-31")).AssertPage("Exports");

        var links = page.QuerySelectorAll("a[data-testid^='download-']").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(ExportCatalog.All.Select(k => $"/api/admin/exports/{k.Name}.csv?from=2026-01-01&to=2026-01-31"), links);
        Assert.Contains("2026-01-01 to 2026-01-31 (31 days)", page.QuerySelector("[data-testid='export-range']")!.TextContent);

        var bad = await admin.GetAsync("/admin/exports?from=2026-02-10&to=2026-02-01");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var refused = await bad.ReadHtmlAsync();
        Assert.Equal("to must be on or after from", refused.QuerySelector("[data-testid='range-error']")?.TextContent.Trim());
        Assert.Empty(refused.QuerySelectorAll("a[data-testid^='download-']"));
    }

    /// <summary>Sets the user's entries' times, oldest entry first, to <paramref name="times"/>; returns their ids.</summary>
    private async Task<List<long>> MoveEntriesAsync(string userId, DateTime[] times)
    {
        var ids = await app.WithDbAsync(db => db.LedgerEntries.Where(e => db.TokenAccounts.Any(a => a.Id == e.AccountId && a.UserId == userId))
            .OrderBy(e => e.Id).Select(e => e.Id).ToListAsync());
        Assert.True(ids.Count >= times.Length);
        for (var i = 0; i < times.Length; i++)
        {
            var (id, at) = (ids[i], times[i]);
            await app.WithDbAsync(db => db.LedgerEntries.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.CreatedAt, at)));
        }

        return ids[..times.Length];
    }
}

public sealed class ExportTests_Sqlite(ExportsSqliteApp app) : ExportTests(app), IClassFixture<ExportsSqliteApp>;

public sealed class ExportTests_Postgres(ExportsPostgresApp app) : ExportTests(app), IClassFixture<ExportsPostgresApp>;
