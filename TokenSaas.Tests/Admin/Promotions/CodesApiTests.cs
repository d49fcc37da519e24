using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Audit;
using TokenSaas.Payments;
using TokenSaas.Promotions;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Admin.Promotions;

public abstract class CodesApiTests(TestApp app)
{
    [Fact]
    public async Task A_small_run_answers_its_codes_at_once_and_is_audited()
    {
        var promotion = await app.CreateCodelessPromotionAsync();
        var pattern = CodesSteps.NewPattern("###-??");

        var response = await app.AdminApi().GenerateAsync(promotion.Id, 250, pattern.ToLowerInvariant(), "spring mailing");
        using var json = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var codes = json.RootElement.GetProperty("codes").EnumerateArray().Select(c => c.GetString()!).ToList();
        var batchId = json.Long("batch_id");
        Assert.Equal((250L, "done", 250L), (json.Long("count"), json.Text("status"), json.Long("generated")));
        Assert.Equal($"/api/admin/promotions/{promotion.Id}/codes.csv?batch={batchId}", json.Text("csv"));
        var stored = await app.StoredCodesAsync(promotion.Id, batchId);
        Assert.Equal(stored.Select(c => c.Code).Order(), codes.Order());
        Assert.Equal(250, codes.Distinct().Count());
        Assert.True(CodePattern.TryParse(pattern, out var parsed, out _));
        Assert.All(codes, c => Assert.True(parsed.Matches(c), c));
        Assert.All(stored, c => Assert.Equal((1, 0), (c.MaxUses!.Value, c.Uses)));
        var audit = Assert.Single(await app.AuditRowsAsync(promotion.Id.ToString()), e => e.Action == AuditActions.PromotionCodes);
        Assert.Equal((AuditTargets.Promotion, "spring mailing"), (audit.TargetType, audit.Reason));
        using var after = JsonDocument.Parse(audit.After!);
        Assert.Equal((batchId, 250, pattern), (after.Long("batch_id"), after.RootElement.GetProperty("count").GetInt32(), after.Text("pattern")));
    }

    [Fact]
    public async Task A_run_over_a_thousand_answers_202_with_a_csv_link_and_its_progress_can_be_followed()
    {
        var promotion = await app.CreateCodelessPromotionAsync();
        var admin = app.AdminApi();

        var response = await admin.GenerateAsync(promotion.Id, 1_001, CodesSteps.NewPattern());
        using var json = await response.ReadJsonAsync();
        var batchId = json.Long("batch_id");
        await app.WaitForBatchAsync(batchId, CodeBatchStatus.Done);
        using var progress = await admin.GetJsonAsync($"/api/admin/promotions/codes/batches/{batchId}");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty(json.RootElement.GetProperty("codes").EnumerateArray());
        Assert.Equal((1_001L, "running"), (json.Long("count"), json.Text("status")));
        Assert.Equal($"/api/admin/promotions/{promotion.Id}/codes.csv?batch={batchId}", json.Text("csv"));
        Assert.Equal((1_001L, 1_001L, "done", promotion.Id), (progress.Long("count"), progress.Long("generated"), progress.Text("status"),
            progress.Long("promotion_id")));
        Assert.Equal(1_001, (await app.StoredCodesAsync(promotion.Id, batchId)).Count);
    }

    [Fact]
    public async Task The_csv_lists_exactly_the_stored_codes_and_its_download_is_audited()
    {
        var promotion = await app.CreatePromotionAsync(Promos.NewCode("SHARED"), PromotionType.PercentOff, 10);
        var admin = app.AdminApi();
        using var first = await (await admin.GenerateAsync(promotion.Id, 40, CodesSteps.NewPattern())).ReadJsonAsync();
        using var second = await (await admin.GenerateAsync(promotion.Id, 30, CodesSteps.NewPattern())).ReadJsonAsync();
        var firstId = first.Long("batch_id");

        var all = await CsvAsync(admin, $"/api/admin/promotions/{promotion.Id}/codes.csv");
        var one = await CsvAsync(admin, $"/api/admin/promotions/{promotion.Id}/codes.csv?batch={firstId}");

        var stored = await app.StoredCodesAsync(promotion.Id);
        Assert.Equal("code,batch_id,uses,max_uses,created_at", all[0]);
        Assert.Equal(71, stored.Count);
        Assert.Equal(stored.Select(Row).Order(), all.Skip(1).Select(Cut).Order());
        Assert.Equal(stored.Where(c => c.BatchId == firstId).Select(Row).Order(), one.Skip(1).Select(Cut).Order());
        Assert.Contains(all, line => line.StartsWith($"\"{promotion.Code}\",,0,,", StringComparison.Ordinal));
        var exports = (await app.AuditRowsAsync(promotion.Id.ToString())).Where(e => e.Action == AuditActions.Export).ToList();
        Assert.Equal(2, exports.Count);
        Assert.Contains(exports, e => e.After!.Contains($"\"batch_id\":{firstId}"));
        return;

        static string Row(PromotionCode c) => $"\"{c.Code}\",{c.BatchId},{c.Uses},{c.MaxUses}";
        static string Cut(string line) => line[..line.LastIndexOf(',')];
    }

    [Fact]
    public async Task A_generated_code_works_once_at_checkout_whatever_its_case()
    {
        var promotion = await app.CreateCodelessPromotionAsync(p => p.Value = 25);
        using var run = await (await app.AdminApi().GenerateAsync(promotion.Id, 5, CodesSteps.NewPattern())).ReadJsonAsync();
        var code = run.RootElement.GetProperty("codes")[0].GetString()!.ToLowerInvariant();
        var buyer = await app.NewApiUserAsync();
        var other = await app.NewApiUserAsync();

        using var quote = await (await buyer.PostAsync("/api/v1/checkout/quote", new { pack = "inr_500", promo_code = code })).ReadJsonAsync();
        var started = await buyer.PostAsync("/api/v1/checkout", new { pack = "inr_500", gateway = "sandbox", idempotency_key = "c-1", promo_code = code });
        using var startedJson = await started.ReadJsonAsync();
        await app.WithScopeAsync(s => s.GetRequiredService<Fulfillment>()
            .PaidAsync(startedJson.Text("payment_id"), "gw", "test", CancellationToken.None));
        using var refused = await (await other.PostAsync("/api/v1/checkout/quote", new { pack = "inr_500", promo_code = code })).ReadJsonAsync();
        var second = await other.PostAsync("/api/v1/checkout", new { pack = "inr_500", gateway = "sandbox", idempotency_key = "c-2", promo_code = code });

        Assert.True(quote.RootElement.GetProperty("promo").GetProperty("valid").GetBoolean());
        Assert.Equal((12_500L, 37_500L), (quote.Long("discount"), quote.Long("final_amount")));
        Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
        var payment = await app.WithDbAsync(db => db.Payments.AsNoTracking().SingleAsync(p => p.Id == startedJson.Text("payment_id")));
        Assert.Equal((37_500L, code.ToUpperInvariant()), (payment.Amount, payment.PromotionCode));
        Assert.Equal("This code has already been used.", refused.RootElement.GetProperty("promo").GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        var stored = await app.WithDbAsync(db => db.PromotionCodes.AsNoTracking().SingleAsync(c => c.Code == code.ToUpperInvariant()));
        Assert.Equal(1, stored.Uses);
    }

    public static TheoryData<string, string> BadRequests => new()
    {
        { """{"count": 10, "pattern": "SPRING-####"}""", "promotion_id is required." },
        { """{"promotion_id": {id}, "count": 10, "pattern": "SPRING"}""", "Add at least one placeholder" },
        { """{"promotion_id": {id}, "count": 5, "pattern": "SPRING-#"}""", "SPRING-# gives only 8 codes: ask for at most 4, or add placeholders." },
        { """{"promotion_id": {id}, "count": 100001, "pattern": "SPRING-####-????"}""", "At most 100,000 codes can be made in one run" },
        { """{"promotion_id": {id}, "count": 0, "pattern": "SPRING-####-????"}""", "Ask for at least 1 code." },
        { """{"promotion_id": {id}, "pattern": "SPRING-####-????"}""", "Enter how many codes to make" },
        { """{"promotion_id": {id}, "count": 10, "pattern": "SPRING-####-0OIL-$$"}""", "'$' is not allowed" },
        { """{"promotion_id": {id}, "count": 10}""", "Enter a pattern" },
        { """{"promotion_id": {id}, "count": "ten", "pattern": "A-####"}""", "invalid body: the value at $.count is not valid" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_is_refused_with_a_message_and_writes_nothing(string body, string message)
    {
        var promotion = await app.CreateCodelessPromotionAsync();

        var response = await app.AdminApi().PostAsync(CodesSteps.Generate,
            new StringContent(body.Replace("{id}", promotion.Id.ToString()), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.ErrorAsync());
        Assert.Equal((0, 0, 0), await app.FootprintAsync(promotion.Id));
    }

    [Fact]
    public async Task Codes_for_an_unknown_or_ended_promotion_are_refused_and_nothing_is_written()
    {
        var ended = await app.CreateCodelessPromotionAsync(p => p.EndsAt = app.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1));
        var admin = app.AdminApi();

        var unknown = await admin.GenerateAsync(999_999_999, 10, CodesSteps.NewPattern());
        var over = await admin.GenerateAsync(ended.Id, 10, CodesSteps.NewPattern());

        Assert.Equal((HttpStatusCode.NotFound, "There is no promotion 999999999."), (unknown.StatusCode, await unknown.ErrorAsync()));
        Assert.Equal(HttpStatusCode.BadRequest, over.StatusCode);
        Assert.Equal($"“{ended.Name}” has ended (its end date passed): codes for it would never work.", await over.ErrorAsync());
        Assert.Equal((0, 0, 0), await app.FootprintAsync(ended.Id));
    }

    [Fact]
    public async Task Codes_earlier_runs_drew_from_a_pattern_count_against_the_next_run()
    {
        var promotion = await app.CreateCodelessPromotionAsync();
        var pattern = CodesSteps.NewPattern("##");
        var admin = app.AdminApi();

        var first = await admin.GenerateAsync(promotion.Id, 30, pattern);
        var second = await admin.GenerateAsync(promotion.Id, 20, pattern);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal($"{pattern} gives 64 codes and earlier runs took 30: ask for at most 17, or add placeholders.", await second.ErrorAsync());
        Assert.Equal(30, (await app.StoredCodesAsync(promotion.Id)).Count);
    }

    [Fact]
    public async Task A_retried_request_with_the_same_idempotency_key_makes_one_batch()
    {
        var promotion = await app.CreateCodelessPromotionAsync();
        var body = new { promotion_id = promotion.Id, count = 12, pattern = CodesSteps.NewPattern(), idempotency_key = $"codes-{Guid.NewGuid():N}" };
        var admin = app.AdminApi();

        using var first = await (await admin.PostAsJsonAsync(CodesSteps.Generate, body)).ReadJsonAsync();
        using var again = await (await admin.PostAsJsonAsync(CodesSteps.Generate, body)).ReadJsonAsync();

        Assert.Equal(first.Long("batch_id"), again.Long("batch_id"));
        Assert.Equal(first.RootElement.GetProperty("codes").ToString(), again.RootElement.GetProperty("codes").ToString());
        Assert.Equal((1, 12, 1), await app.FootprintAsync(promotion.Id));
    }

    [Fact]
    public async Task Progress_and_csv_of_unknown_batches_answer_404()
    {
        var promotion = await app.CreateCodelessPromotionAsync();
        var admin = app.AdminApi();

        var batch = await admin.GetAsync("/api/admin/promotions/codes/batches/999999999");
        var csv = await admin.GetAsync($"/api/admin/promotions/{promotion.Id}/codes.csv?batch=999999999");
        var noPromotion = await admin.GetAsync("/api/admin/promotions/999999999/codes.csv");

        Assert.Equal((HttpStatusCode.NotFound, "code batch 999999999 not found"), (batch.StatusCode, await batch.ErrorAsync()));
        Assert.Equal(HttpStatusCode.NotFound, csv.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noPromotion.StatusCode);
        Assert.Equal((0, 0, 0), await app.FootprintAsync(promotion.Id));
    }

    private static async Task<List<string>> CsvAsync(HttpClient admin, string url)
    {
        var response = await admin.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }
}

public sealed class CodesApiTests_Sqlite(SqliteApp app) : CodesApiTests(app), IClassFixture<SqliteApp>;

public sealed class CodesApiTests_Postgres(PostgresApp app) : CodesApiTests(app), IClassFixture<PostgresApp>;
