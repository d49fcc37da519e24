using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Audit;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Admin.Promotions;

/// <summary>SPEC 10.4's admin promotion endpoints: what is saved is what buyers get, every write audited once per key.</summary>
public abstract class PromotionApiTests(TestApp app)
{
    [Fact]
    public async Task A_created_promotion_is_answered_with_its_id_audited_and_its_code_works_at_checkout()
    {
        var code = Promos.NewCode("Diwali");
        var response = await app.PostPromotionAsync(PromotionSteps.Body($$"""
            {"name":"Diwali 25","code":"{{code.ToLowerInvariant()}}","currency":"INR","packs":["inr_500"],"max_redemptions":100,
             "budget":500000,"variants":[{"name":"A","value":20,"weight":50},{"name":"B","value":30,"weight":50}],"reason":"Diwali launch"}
            """));
        using var created = await response.ReadJsonAsync();
        var promotion = created.RootElement;
        var user = await app.NewApiUserAsync();
        using var quote = await (await user.PostAsync("/api/v1/checkout/quote", new { pack = "inr_500", promo_code = code })).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(promotion.Id() > 0);
        Assert.Equal(("Diwali 25", "percent_off", "active", code.ToUpperInvariant(), "INR"),
            (promotion.Str("name"), promotion.Str("type"), promotion.Str("status"), promotion.Str("code"), promotion.Str("currency")));
        Assert.Equal("""["inr_500"]""", promotion.GetProperty("packs").GetRawText());
        Assert.True(quote.RootElement.GetProperty("promo").GetProperty("valid").GetBoolean());
        Assert.Contains(quote.RootElement.GetProperty("discount").GetInt64(), new[] { 10_000L, 15_000L });
        var audit = Assert.Single(await app.PromotionAuditAsync(promotion.Id()));
        Assert.Equal((AuditActions.PromotionCreate, "Diwali launch", null), (audit.Action, audit.Reason, audit.Before));
        Assert.Contains($"\"code\":\"{code.ToUpperInvariant()}\"", audit.After);
        Assert.Contains("\"budget\":500000", audit.After);
        Assert.True((await app.VerifyAuditAsync()).Intact);
    }

    [Fact]
    public async Task An_update_is_audited_before_and_after_and_a_new_shared_code_replaces_the_old_one()
    {
        var promotion = await app.CreatePromotionViaApiAsync();
        var oldCode = promotion.Str("code");
        var newCode = Promos.NewCode("NEW");
        var user = await app.NewApiUserAsync();

        var response = await app.AdminApi().PutJsonAsync($"/api/admin/promotions/{promotion.Id()}", PromotionSteps.Body($$"""
            {"name":"{{promotion.Str("name")}}","value":40,"code":"{{newCode}}","reason":"Deeper cut"}
            """));
        using var updated = await response.ReadJsonAsync();
        using var oldQuote = await (await user.PostAsync("/api/v1/checkout/quote", new { pack = "inr_100", promo_code = oldCode })).ReadJsonAsync();
        using var newQuote = await (await user.PostAsync("/api/v1/checkout/quote", new { pack = "inr_100", promo_code = newCode })).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((40L, newCode), (updated.RootElement.GetProperty("value").GetInt64(), updated.RootElement.Str("code")));
        Assert.False(oldQuote.RootElement.GetProperty("promo").GetProperty("valid").GetBoolean());
        Assert.Equal(4_000, newQuote.RootElement.GetProperty("discount").GetInt64());
        var change = (await app.PromotionAuditAsync(promotion.Id())).Last();
        Assert.Equal((AuditActions.PromotionUpdate, "Deeper cut"), (change.Action, change.Reason));
        Assert.Equal($$"""{"value":25,"code":"{{oldCode}}"}""", change.Before);
        Assert.Equal($$"""{"value":40,"code":"{{newCode}}"}""", change.After);
    }

    [Fact]
    public async Task Pause_resume_and_end_change_what_buyers_are_told_and_each_is_audited_with_its_reason()
    {
        var promotion = await app.CreatePromotionViaApiAsync();
        var url = $"/api/admin/promotions/{promotion.Id()}";
        var user = await app.NewApiUserAsync();
        async Task<string?> Reason() => (await (await user.PostAsync("/api/v1/checkout/quote", new { pack = "inr_100", promo_code = promotion.Str("code") }))
            .ReadJsonAsync()).RootElement.GetProperty("promo").GetProperty("reason").GetString();

        using var paused = await (await app.AdminApi().PostAsJsonAsync(url + "/pause", new { reason = "Fraud check" })).ReadJsonAsync();
        var whilePaused = await Reason();
        using var resumed = await (await app.AdminApi().PostAsJsonAsync(url + "/resume", new { reason = "All clear" })).ReadJsonAsync();
        var whileActive = await Reason();
        using var ended = await (await app.AdminApi().PostAsJsonAsync(url + "/end", new { reason = "Sale over" })).ReadJsonAsync();
        var afterEnd = await Reason();
        var again = await app.AdminApi().PostAsJsonAsync(url + "/resume", new { reason = "Oops" });

        Assert.Equal(("paused", "active", "ended"), (paused.RootElement.Str("status"), resumed.RootElement.Str("status"), ended.RootElement.Str("status")));
        Assert.Equal("ended by an admin", ended.RootElement.Str("end_reason"));
        Assert.Equal(("This code is paused at the moment.", null, "This code has expired."), (whilePaused, whileActive, afterEnd));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal("It has ended; it cannot be resumed.", await again.ErrorAsync());
        var audit = await app.PromotionAuditAsync(promotion.Id());
        Assert.Equal([(AuditActions.PromotionCreate, "Festival sale"), (AuditActions.PromotionPause, "Fraud check"),
            (AuditActions.PromotionResume, "All clear"), (AuditActions.PromotionEnd, "Sale over")], audit.Select(a => (a.Action, a.Reason)));
        Assert.Equal(("""{"paused":false,"ended_at":null}""", """{"paused":true,"ended_at":null}"""), (audit[1].Before, audit[1].After));
    }

    [Fact]
    public async Task A_replayed_key_does_it_once_and_the_same_key_for_another_promotion_is_a_conflict()
    {
        var body = PromotionSteps.Body();
        var first = await app.PostPromotionAsync(body);
        var before = await app.PromotionCountsAsync();
        var replay = await app.PostPromotionAsync(body);
        var afterReplay = await app.PromotionCountsAsync();
        using var a = await first.ReadJsonAsync();
        using var b = await replay.ReadJsonAsync();
        var other = await app.CreatePromotionViaApiAsync();
        var pauseKey = new { reason = "pause", idempotency_key = "pause-" + Guid.NewGuid().ToString("N") };

        var pause1 = await app.AdminApi().PostAsJsonAsync($"/api/admin/promotions/{a.RootElement.Id()}/pause", pauseKey);
        var pause2 = await app.AdminApi().PostAsJsonAsync($"/api/admin/promotions/{a.RootElement.Id()}/pause", pauseKey);
        var elsewhere = await app.AdminApi().PostAsJsonAsync($"/api/admin/promotions/{other.Id()}/pause", pauseKey);
        var createWithPauseKey = await app.PostPromotionAsync(PromotionSteps.Body($$"""{"idempotency_key":"{{pauseKey.idempotency_key}}"}"""));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, replay.StatusCode));
        Assert.Equal(a.RootElement.Id(), b.RootElement.Id());
        Assert.Equal(before, afterReplay);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (pause1.StatusCode, pause2.StatusCode));
        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (elsewhere.StatusCode, createWithPauseKey.StatusCode));
        Assert.Equal("This idempotency_key was already used for a different change.", await elsewhere.ErrorAsync());
        Assert.Equal("active", (await app.AdminApi().GetJsonAsync($"/api/admin/promotions/{other.Id()}")).RootElement.Str("status"));
        Assert.Equal([AuditActions.PromotionCreate, AuditActions.PromotionPause], (await app.PromotionAuditAsync(a.RootElement.Id())).Select(e => e.Action));
    }

    [Fact]
    public async Task The_list_has_the_spec_shape_with_numbers_and_filters_by_status_type_and_name_or_code()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var percent = await app.CreatePromotionViaApiAsync($$"""{"name":"List {{tag}} percent","currency":"INR"}""");
        var tokens = await app.CreatePromotionViaApiAsync($$"""{"name":"List {{tag}} tokens","type":"bonus_tokens","value":50}""");
        await app.AdminApi().PostAsJsonAsync($"/api/admin/promotions/{tokens.Id()}/pause", new { reason = "hold" });
        var user = await app.NewApiUserAsync();
        using var started = await (await user.PostAsync("/api/v1/checkout", new { pack = "inr_500", gateway = "sandbox", idempotency_key = "l-" + tag,
            promo_code = percent.Str("code") })).ReadJsonAsync();
        await app.WithScopeAsync(s => s.GetRequiredService<TokenSaas.Payments.Fulfillment>()
            .PaidAsync(started.RootElement.Str("payment_id"), "gw-" + tag, "test", CancellationToken.None));

        using var byName = await app.AdminApi().GetJsonAsync($"/api/admin/promotions?q=list%20{tag.ToUpperInvariant()}");
        using var byCode = await app.AdminApi().GetJsonAsync($"/api/admin/promotions?q={percent.Str("code").ToLowerInvariant()}");
        using var paused = await app.AdminApi().GetJsonAsync($"/api/admin/promotions?q={tag}&status=paused");
        using var byType = await app.AdminApi().GetJsonAsync($"/api/admin/promotions?q={tag}&type=percent_off");
        var badStatus = await app.AdminApi().GetAsync("/api/admin/promotions?status=sleeping");

        var items = byName.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        var item = items.Single(i => i.Id() == percent.Id());
        foreach (var field in new[] { "id", "name", "type", "value", "status", "starts_at", "ends_at", "redemptions", "revenue", "currency", "code",
                     "reserved", "discount_given", "tokens_given", "revenue_by_currency" })
        {
            Assert.True(item.TryGetProperty(field, out _), $"{field} is missing");
        }

        Assert.Equal((1, 37_500L, 12_500L, """{"INR":37500}"""), (item.GetProperty("redemptions").GetInt32(), item.GetProperty("revenue").GetInt64(),
            item.GetProperty("discount_given").GetInt64(), item.GetProperty("revenue_by_currency").GetRawText()));
        Assert.Equal([percent.Id()], byCode.RootElement.GetProperty("items").EnumerateArray().Select(i => i.Id()));
        Assert.Equal([tokens.Id()], paused.RootElement.GetProperty("items").EnumerateArray().Select(i => i.Id()));
        Assert.Equal([percent.Id()], byType.RootElement.GetProperty("items").EnumerateArray().Select(i => i.Id()));
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.Equal("status must be one of: scheduled, active, paused, ended.", await badStatus.ErrorAsync());
    }

    [Fact]
    public async Task Status_follows_the_schedule_scheduled_then_active_then_ended()
    {
        var later = await app.CreatePromotionViaApiAsync($$"""{"starts_at":"{{app.Utc(TimeSpan.FromHours(1))}}","ends_at":"{{app.Utc(TimeSpan.FromHours(3))}}"}""");
        var url = $"/api/admin/promotions/{later.Id()}";

        var first = later.Str("status");
        app.Clock.Advance(TimeSpan.FromHours(2));
        var second = (await app.AdminApi().GetJsonAsync(url)).RootElement.Str("status");
        app.Clock.Advance(TimeSpan.FromHours(2));
        using var third = await app.AdminApi().GetJsonAsync(url);

        Assert.Equal(("scheduled", "active", "ended"), (first, second, third.RootElement.Str("status")));
        Assert.Equal("its end date passed", third.RootElement.Str("end_reason"));
    }

    [Fact]
    public async Task Saving_the_same_settings_again_changes_nothing_and_writes_no_audit_row()
    {
        var body = PromotionSteps.Body($$"""{"starts_at":"{{app.Utc(TimeSpan.FromDays(1))}}","ends_at":"{{app.Utc(TimeSpan.FromDays(9))}}","currency":"USD"}""");
        using var created = await (await app.PostPromotionAsync(body)).ReadJsonAsync();
        body["idempotency_key"] = "same-" + Guid.NewGuid().ToString("N");

        var again = await app.AdminApi().PutJsonAsync($"/api/admin/promotions/{created.RootElement.Id()}", body);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal([AuditActions.PromotionCreate], (await app.PromotionAuditAsync(created.RootElement.Id())).Select(a => a.Action));
    }

    [Fact]
    public async Task Unknown_ids_are_404_and_write_nothing()
    {
        var before = await app.PromotionCountsAsync();

        var get = await app.AdminApi().GetAsync("/api/admin/promotions/999999");
        var put = await app.AdminApi().PutJsonAsync("/api/admin/promotions/999999", PromotionSteps.Body());
        var pause = await app.AdminApi().PostAsJsonAsync("/api/admin/promotions/999999/pause", new { reason = "x" });

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound], new[] { get.StatusCode, put.StatusCode, pause.StatusCode });
        Assert.Equal("There is no promotion 999999.", await put.ErrorAsync());
        Assert.Equal(before, await app.PromotionCountsAsync());
    }
}

public sealed class PromotionApiTests_Sqlite(SqliteApp app) : PromotionApiTests(app), IClassFixture<SqliteApp>;

public sealed class PromotionApiTests_Postgres(PostgresApp app) : PromotionApiTests(app), IClassFixture<PostgresApp>;
