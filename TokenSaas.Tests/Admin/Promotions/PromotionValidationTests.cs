using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Tests.Admin.Catalogue;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Admin.Promotions;

/// <summary>Bad input to the promotion endpoints: a 400 that names the field and says what would do, and nothing written.</summary>
public abstract class PromotionValidationTests(TestApp app)
{
    [Theory]
    [InlineData("""{"value":0}""", "The value of a percent_off promotion is a whole percent from 1 to 100.")]
    [InlineData("""{"value":101}""", "The value of a percent_off promotion is a whole percent from 1 to 100.")]
    [InlineData("""{"type":"amount_off","value":500}""", "An amount_off promotion needs its currency: the amount is taken off prices in it.")]
    [InlineData("""{"type":"amount_off","value":60000,"currency":"INR","packs":["inr_100","inr_1000"]}""", "₹600 off is more than the 100 tokens pack's price ₹100.")]
    [InlineData("""{"type":"amount_off","value":5000,"currency":"INR","plans":["standard"],"packs":[]}""", "₹50 off is more than the Standard plan's price ₹29.")]
    [InlineData("""{"type":"bonus_tokens","value":1000001}""", "The value of a bonus_tokens promotion is a number of tokens from 1 to 1,000,000.")]
    [InlineData("""{"type":"half_price"}""", "Choose the type: percent_off, amount_off, bonus_tokens or free_tokens.")]
    [InlineData("""{"currency":"EUR"}""", "The currency EUR is not one the site charges in")]
    [InlineData("""{"name":"  "}""", "Give the promotion's name.")]
    [InlineData("""{"name":"12345678901234567890123456789012345678901234567890123456789012345678901234567890X"}""", "Keep the promotion's name to 80 characters (it has 81).")]
    [InlineData("""{"packs":["no_such_pack"]}""", "There is no pack \"no_such_pack\".")]
    [InlineData("""{"plans":["gold_unknown"]}""", "There is no plan \"gold_unknown\".")]
    [InlineData("""{"packs":[],"plans":[]}""", "Choose what it applies to: all packs, some packs, or some plans.")]
    [InlineData("""{"starts_at":"2031-05-02T10:00Z","ends_at":"2031-05-01T10:00Z"}""", "The end must be after the start.")]
    [InlineData("""{"starts_at":"next tuesday"}""", "The start must be a date and time such as 2027-01-31T18:00")]
    [InlineData("""{"code":"AB"}""", "The code must be 3 to 40 characters: letters, digits, - and _ only.")]
    [InlineData("""{"code":"SAVE 10!"}""", "The code must be 3 to 40 characters: letters, digits, - and _ only.")]
    [InlineData("""{"per_user_limit":0}""", "The uses per person must be from 1 to 100.")]
    [InlineData("""{"per_user_limit":101}""", "The uses per person must be from 1 to 100.")]
    [InlineData("""{"max_redemptions":0}""", "The total number of uses must be a whole number of at least 1 (leave it empty for no limit).")]
    [InlineData("""{"budget":0,"currency":"INR"}""", "The budget must be at least 1 (leave it empty for no budget).")]
    [InlineData("""{"budget":10000}""", "A money budget needs a currency: set the promotion's currency.")]
    [InlineData("""{"min_amount":5000}""", "A minimum amount needs a currency: set the promotion's currency.")]
    [InlineData("""{"eligible_emails":["ann@example.com","not-an-email"]}""", "\"not-an-email\" is not an email address.")]
    [InlineData("""{"eligible_plans":["platinum_x"]}""", "There is no plan \"platinum_x\" to limit the promotion to.")]
    [InlineData("""{"variants":[{"name":"A","value":10,"weight":50},{"name":"a","value":20,"weight":50}]}""", "Two variants are called \"a\"; give each its own name.")]
    [InlineData("""{"variants":[{"name":"A","value":10,"weight":0}]}""", "Variant A's weight must be from 1 to 100.")]
    [InlineData("""{"variants":[{"name":"A","value":150,"weight":10}]}""", "The value of variant A of a percent_off promotion is a whole percent from 1 to 100.")]
    [InlineData("""{"variants":[{"name":"A","value":1,"weight":1},{"name":"B","value":1,"weight":1},{"name":"C","value":1,"weight":1},{"name":"D","value":1,"weight":1},{"name":"E","value":1,"weight":1},{"name":"F","value":1,"weight":1}]}""", "A promotion has at most 5 variants (there are 6).")]
    [InlineData("""{"type":"free_tokens","value":100,"token_expiry_days":0}""", "The tokens' expiry must be from 1 to 3,650 days (leave it empty for never).")]
    [InlineData("""{"token_expiry_days":30}""", "Token expiry applies only to bonus_tokens and free_tokens promotions.")]
    [InlineData("""{"reason":""}""", "Give a reason: it is kept in the audit log.")]
    [InlineData("""{"value":"lots"}""", "invalid body: the value at $.value is not valid")]
    public async Task Bad_input_is_refused_with_a_clear_message_and_nothing_is_written(string overrides, string message)
    {
        var before = await app.PromotionCountsAsync();

        var response = await app.PostPromotionAsync(PromotionSteps.Body(overrides));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.ErrorAsync());
        Assert.Equal(before, await app.PromotionCountsAsync());
    }

    [Fact]
    public async Task A_thousand_and_one_listed_people_are_refused()
    {
        var emails = string.Join(",", Enumerable.Range(0, 1_001).Select(i => $"\"p{i}@example.com\""));

        var response = await app.PostPromotionAsync(PromotionSteps.Body($$"""{"eligible_emails":[{{emails}}]}"""));

        Assert.Equal("List at most 1,000 people (there are 1,001).", await response.ErrorAsync());
    }

    [Fact]
    public async Task Malformed_json_and_a_missing_body_are_refused()
    {
        var before = await app.PromotionCountsAsync();

        var malformed = await app.AdminApi().PostRawAsync("/api/admin/promotions", """{"name":"x",""");
        var update = await app.AdminApi().PutRawAsync("/api/admin/promotions/1", "null");

        Assert.Equal("invalid body: malformed JSON", await malformed.ErrorAsync());
        Assert.Equal(HttpStatusCode.BadRequest, update.StatusCode);
        Assert.Equal(before, await app.PromotionCountsAsync());
    }

    [Fact]
    public async Task A_shared_code_is_unique_across_promotions_whatever_its_case()
    {
        var first = await app.CreatePromotionViaApiAsync();
        var second = await app.CreatePromotionViaApiAsync();
        var before = await app.PromotionCountsAsync();

        var create = await app.PostPromotionAsync(PromotionSteps.Body($$"""{"code":"{{first.Str("code").ToLowerInvariant()}}"}"""));
        var update = await app.AdminApi().PutJsonAsync($"/api/admin/promotions/{second.Id()}",
            PromotionSteps.Body($$"""{"code":"{{first.Str("code")}}"}"""));

        Assert.Equal($"The code {first.Str("code")} is already used by another promotion; choose another.", await create.ErrorAsync());
        Assert.Equal(HttpStatusCode.BadRequest, update.StatusCode);
        Assert.Equal(before, await app.PromotionCountsAsync());
        Assert.Equal(second.Str("code"), (await app.AdminApi().GetJsonAsync($"/api/admin/promotions/{second.Id()}")).RootElement.Str("code"));
    }

    [Fact]
    public async Task Once_used_its_type_and_currency_are_fixed_and_its_limits_cannot_go_below_what_is_taken()
    {
        var promotion = await app.CreatePromotionViaApiAsync("""{"currency":"INR","max_redemptions":10,"budget":100000}""");
        await app.WithDbAsync(db => db.Promotions.Where(p => p.Id == promotion.Id())
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Redeemed, 3).SetProperty(p => p.Reserved, 1).SetProperty(p => p.BudgetUsed, 40_000)));
        var url = $"/api/admin/promotions/{promotion.Id()}";
        var before = await app.PromotionCountsAsync();

        var type = await app.AdminApi().PutJsonAsync(url, PromotionSteps.Body("""{"type":"bonus_tokens","value":50,"currency":"INR","max_redemptions":10,"budget":100000}"""));
        var currency = await app.AdminApi().PutJsonAsync(url, PromotionSteps.Body("""{"currency":"USD","max_redemptions":10,"budget":100000}"""));
        var max = await app.AdminApi().PutJsonAsync(url, PromotionSteps.Body("""{"currency":"INR","max_redemptions":3,"budget":100000}"""));
        var budget = await app.AdminApi().PutJsonAsync(url, PromotionSteps.Body("""{"currency":"INR","max_redemptions":10,"budget":30000}"""));

        Assert.Equal("The type cannot change: the promotion has been used 4 times as percent_off.", await type.ErrorAsync());
        Assert.Equal("The currency cannot change: the promotion has been used 4 times in INR.", await currency.ErrorAsync());
        Assert.Equal("The total number of uses cannot go below the 4 already taken.", await max.ErrorAsync());
        Assert.Equal("The budget cannot go below the ₹400 already given.", await budget.ErrorAsync());
        Assert.Equal(before, await app.PromotionCountsAsync());
        using var now = await app.AdminApi().GetJsonAsync(url);
        Assert.Equal(("percent_off", "INR", 10), (now.RootElement.Str("type"), now.RootElement.Str("currency"), now.RootElement.GetProperty("max_redemptions").GetInt32()));
    }

    [Fact]
    public async Task Pause_resume_and_end_need_a_reason()
    {
        var promotion = await app.CreatePromotionViaApiAsync();
        var before = await app.PromotionCountsAsync();

        var pause = await app.AdminApi().PostAsJsonAsync($"/api/admin/promotions/{promotion.Id()}/pause", new { reason = " " });
        var end = await app.AdminApi().PostAsJsonAsync($"/api/admin/promotions/{promotion.Id()}/end", new { reason = new string('x', 201) });

        Assert.Equal("Give a reason: it is kept in the audit log.", await pause.ErrorAsync());
        Assert.Equal("Keep the reason to 200 characters (it has 201).", await end.ErrorAsync());
        Assert.Equal(before, await app.PromotionCountsAsync());
        Assert.Equal("active", (await app.AdminApi().GetJsonAsync($"/api/admin/promotions/{promotion.Id()}")).RootElement.Str("status"));
    }
}

public sealed class PromotionValidationTests_Sqlite(SqliteApp app) : PromotionValidationTests(app), IClassFixture<SqliteApp>;

public sealed class PromotionValidationTests_Postgres(PostgresApp app) : PromotionValidationTests(app), IClassFixture<PostgresApp>;
