using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Promotions;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Admin.Promotions;

public abstract class CodesPageTests(TestApp app)
{
    [Fact]
    public async Task A_promotion_without_codes_shows_its_place_in_the_admin_and_empty_states()
    {
        var promotion = await app.CreateCodelessPromotionAsync();
        var admin = await app.AdminBrowserAsync();

        var page = await admin.GetHtmlAsync($"/admin/promotions/{promotion.Id}/codes");

        var crumbs = page.QuerySelectorAll(".breadcrumbs li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(["Admin", "Promotions", promotion.Name, "Codes"], crumbs);
        Assert.Equal($"/admin/promotions/{promotion.Id}", page.QuerySelectorAll(".breadcrumbs a")[2].GetAttribute("href"));
        Assert.Equal("None: people use the codes generated below.", page.QuerySelector("[data-testid=shared-code]")!.TextContent.Trim());
        Assert.Contains("No codes generated yet", page.QuerySelector("[data-testid=code-batches]")!.TextContent);
        Assert.Null(page.QuerySelector("[data-testid=codes-csv-all]"));
        Assert.Contains("# is a digit (2–9), ? is a letter (A–Z without B, I, L, O, S, Z)", page.QuerySelector("[data-testid=pattern-hint]")!.TextContent);
    }

    [Fact]
    public async Task A_run_under_way_shows_its_progress_and_refreshes_itself_until_it_is_done()
    {
        var promotion = await app.CreatePromotionAsync(Promos.NewCode("SHOWN"), PromotionType.PercentOff, 10);
        var batchId = await RunningBatchAsync(promotion.Id, generated: 12_000, count: 100_000);
        var admin = await app.AdminBrowserAsync();

        var page = await admin.GetHtmlAsync($"/admin/promotions/{promotion.Id}/codes");
        var poll = await PollAsync(admin, promotion.Id);
        await app.WithDbAsync(db => db.PromotionCodeBatches.Where(b => b.Id == batchId).ExecuteUpdateAsync(s => s
            .SetProperty(b => b.Status, CodeBatchStatus.Done).SetProperty(b => b.Generated, 100_000).SetProperty(b => b.LeaseOwner, (string?)null)));
        var finished = await PollAsync(admin, promotion.Id);

        Assert.Equal(promotion.Code, page.QuerySelector("[data-testid=shared-code] code")!.TextContent);
        foreach (var running in new[] { page, poll })
        {
            var list = running.QuerySelector("#code-batches")!;
            Assert.Equal("every 1s", list.GetAttribute("hx-trigger"));
            Assert.Equal($"/admin/promotions/{promotion.Id}/codes?handler=Progress", list.GetAttribute("hx-get"));
            var progress = list.QuerySelector("progress")!;
            Assert.Equal(("100000", "12000"), (progress.GetAttribute("max"), progress.GetAttribute("value")));
            Assert.Equal("12,000 of 100,000", list.QuerySelector("[data-testid=code-batch-progress]")!.TextContent);
            Assert.Equal("running", list.QuerySelector("[data-testid=code-batch-status]")!.TextContent);
        }

        var done = finished.QuerySelector("#code-batches")!;
        Assert.Null(done.GetAttribute("hx-trigger"));
        Assert.Equal("100,000 of 100,000", done.QuerySelector("[data-testid=code-batch-progress]")!.TextContent);
        Assert.Equal($"/api/admin/promotions/{promotion.Id}/codes.csv?batch={batchId}",
            done.QuerySelector("[data-testid=code-batch-csv]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Generating_from_the_form_makes_the_codes_and_lists_the_run_with_its_csv()
    {
        var promotion = await app.CreateCodelessPromotionAsync();
        var admin = await app.AdminBrowserAsync();
        var url = $"/admin/promotions/{promotion.Id}/codes";
        var pattern = CodesSteps.NewPattern("###-??");

        var response = await admin.SubmitFormAsync(url,
            new Dictionary<string, string> { ["Input.Pattern"] = pattern, ["Input.Count"] = "1,000", ["Input.Note"] = "flyers" },
            "form[data-testid=codes-generate]");
        var page = await admin.GetHtmlAsync(url);

        Assert.Equal(url, response.Location());
        Assert.Contains($"1,000 codes made from {pattern}.", page.Body!.TextContent);
        var batch = Assert.Single(await app.WithDbAsync(db => db.PromotionCodeBatches.AsNoTracking().Where(b => b.PromotionId == promotion.Id).ToListAsync()));
        Assert.Equal((1_000, CodeBatchStatus.Done), (batch.Generated, batch.Status));
        Assert.Equal("1,000 of 1,000", page.QuerySelector("[data-testid=code-batch-progress]")!.TextContent);
        Assert.Equal($"/api/admin/promotions/{promotion.Id}/codes.csv?batch={batch.Id}",
            page.QuerySelector("[data-testid=code-batch-csv]")!.GetAttribute("href"));
        Assert.Equal($"/api/admin/promotions/{promotion.Id}/codes.csv", page.QuerySelector("[data-testid=codes-csv-all]")!.GetAttribute("href"));
        Assert.Equal("Download every code (CSV)", page.QuerySelector("[data-testid=codes-csv-all]")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_form_shows_what_is_wrong_and_makes_nothing()
    {
        var promotion = await app.CreateCodelessPromotionAsync();
        var admin = await app.AdminBrowserAsync();

        var response = await admin.SubmitFormAsync($"/admin/promotions/{promotion.Id}/codes",
            new Dictionary<string, string> { ["Input.Pattern"] = "spring", ["Input.Count"] = "100001" }, "form[data-testid=codes-generate]");
        var page = await response.ReadHtmlAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            [
                "Add at least one placeholder (# for a digit, ? for a letter), such as SPRING-####-????: without one every code would be the same.",
                "At most 100,000 codes can be made in one run; ask for 100,001 in several runs.",
            ],
            page.FormErrors());
        Assert.Equal("spring", ((IHtmlInputElement)page.QuerySelector("#Input_Pattern")!).Value);
        Assert.Equal((0, 0, 0), await app.FootprintAsync(promotion.Id));
    }

    [Fact]
    public async Task The_pattern_hint_says_how_many_codes_a_pattern_gives_as_it_is_typed()
    {
        var promotion = await app.CreateCodelessPromotionAsync();
        var admin = await app.AdminBrowserAsync();

        var good = await admin.GetHtmlAsync($"/admin/promotions/{promotion.Id}/codes?handler=Pattern&Input.Pattern=spring-%23%23-%3F");
        var bad = await admin.GetHtmlAsync($"/admin/promotions/{promotion.Id}/codes?handler=Pattern&Input.Pattern=spring");

        Assert.Contains("SPRING-##-?: 2 digits and 1 letter, 1,280 possible codes; up to 640 in one run.", good.QuerySelector("#pattern-hint")!.TextContent);
        Assert.Contains("Add at least one placeholder", bad.QuerySelector("#pattern-hint .pattern-problem")!.TextContent);
    }

    [Fact]
    public async Task Looking_up_a_code_says_whether_it_exists_and_how_often_it_was_used()
    {
        var promotion = await app.CreateCodelessPromotionAsync();
        var other = await app.CreatePromotionAsync(Promos.NewCode("OTHER"), PromotionType.PercentOff, 5);
        using var run = await (await app.AdminApi().GenerateAsync(promotion.Id, 3, CodesSteps.NewPattern())).ReadJsonAsync();
        var code = run.RootElement.GetProperty("codes")[0].GetString()!;
        var admin = await app.AdminBrowserAsync();
        var lookup = $"/admin/promotions/{promotion.Id}/codes?handler=Lookup&code=";

        var found = await admin.GetHtmlAsync(lookup + Uri.EscapeDataString(" " + code.ToLowerInvariant()));
        var missing = await admin.GetHtmlAsync(lookup + "NOSUCHCODE");
        var elsewhere = await admin.GetHtmlAsync(lookup + other.Code);

        Assert.Equal($"{code} exists: used 0 of 1 time (run #{run.Long("batch_id")}).", Text(found));
        Assert.Equal("NOSUCHCODE is not a code of this promotion.", Text(missing));
        Assert.Equal($"{other.Code} is a code of another promotion, “{other.Name}”.", Text(elsewhere));
    }

    [Fact]
    public async Task An_unknown_promotion_has_no_codes_page()
    {
        var admin = await app.AdminBrowserAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/promotions/999999999/codes")).StatusCode);
    }

    private static string Text(IHtmlDocument page) =>
        string.Join(' ', page.QuerySelector("[data-testid=code-lookup]")!.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static async Task<IHtmlDocument> PollAsync(HttpClient admin, long promotionId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/admin/promotions/{promotionId}/codes?handler=Progress") { Headers = { { "HX-Request", "true" } } };
        var response = await admin.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadHtmlAsync();
    }

    /// <summary>A run another instance holds, part way through: the worker here leaves it as it is.</summary>
    private Task<long> RunningBatchAsync(long promotionId, int generated, int count) => app.WithDbAsync(async db =>
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var batch = new CodeBatch
        {
            PromotionId = promotionId, Pattern = CodesSteps.NewPattern(), Count = count, Generated = generated, Status = CodeBatchStatus.Running,
            CreatedBy = "tests", CreatedAt = now, LeaseOwner = "elsewhere", LeaseUntil = now.AddDays(1),
        };
        db.PromotionCodeBatches.Add(batch);
        await db.SaveChangesAsync();
        return batch.Id;
    });
}

public sealed class CodesPageTests_Sqlite(SqliteApp app) : CodesPageTests(app), IClassFixture<SqliteApp>;

public sealed class CodesPageTests_Postgres(PostgresApp app) : CodesPageTests(app), IClassFixture<PostgresApp>;
