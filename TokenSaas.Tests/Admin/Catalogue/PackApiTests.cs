using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Audit;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Admin.Catalogue;

/// <summary>SPEC 10.3's pack endpoints: what an admin changes is what users are offered next, audited, once per key.</summary>
public abstract class PackApiTests(TestApp app)
{
    [Fact]
    public async Task A_created_pack_is_on_sale_at_once_in_every_currency_it_is_priced_in()
    {
        var key = CatalogueSteps.NewKey("pack");
        var user = await app.NewApiUserAsync();

        var response = await app.AdminApi().PostAsJsonAsync("/api/admin/packs", new
        {
            key, name = "Launch pack", tokens = 300, bonus_tokens = 25,
            prices = new[] { new { currency = "usd", amount = 900 }, new { currency = "INR", amount = 29_900 } },
            reason = "Diwali launch", idempotency_key = "create-" + key,
        });
        using var created = await response.ReadJsonAsync();
        using var offers = await user.Client.GetJsonAsync("/api/v1/packs");
        using var list = await app.AdminApi().GetJsonAsync("/api/admin/packs");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.StartsWith($$"""{"key":"{{key}}","name":"Launch pack","tokens":300,"bonus_tokens":25,"prices":[{"currency":"INR","amount":29900},{"currency":"USD","amount":900}],"active":true,"sort_order":""",
            created.RootElement.GetRawText());
        Assert.True(created.RootElement.GetProperty("sort_order").GetInt32() > 50, "a new pack is listed after the others");
        var sold = offers.RootElement.GetProperty("items").EnumerateArray().Where(o => o.GetProperty("key").GetString() == key)
            .Select(o => (o.GetProperty("currency").GetString(), o.GetProperty("amount").GetInt64(), o.GetProperty("tokens").GetInt64(),
                o.GetProperty("bonus_tokens").GetInt64()))
            .ToList();
        Assert.Equal([("INR", 29_900L, 300L, 25L), ("USD", 900L, 300L, 25L)], sold);
        Assert.Contains(list.RootElement.GetProperty("items").EnumerateArray(), p => p.GetProperty("key").GetString() == key);
        var audit = Assert.Single(await app.AuditAsync(AuditTargets.Pack, key));
        Assert.Equal((AuditActions.PackCreate, "Diwali launch", null), (audit.Action, audit.Reason, audit.Before));
        Assert.Contains("\"price_inr\":29900", audit.After);
        Assert.True((await app.VerifyAuditAsync()).Intact);
    }

    [Fact]
    public async Task A_price_change_applies_to_the_next_checkout_and_is_audited_before_and_after()
    {
        var key = CatalogueSteps.NewKey("pack");
        await app.CreatePackAsync(key, tokens: 100, amount: 10_000);
        var user = await app.NewApiUserAsync();

        var response = await app.AdminApi().PutJsonAsync($"/api/admin/packs/{key}", new
        {
            tokens = 120, prices = new[] { new { currency = "INR", amount = 15_000 } }, reason = "Price rise", idempotency_key = "rise-" + key,
        });
        using var updated = await response.ReadJsonAsync();
        using var checkout = await (await user.PostAsync("/api/v1/checkout", new { pack = key, gateway = "sandbox", idempotency_key = "buy-1" })).ReadJsonAsync();
        var payment = await app.WithDbAsync(db => db.Payments.AsNoTracking().SingleAsync(p => p.Id == checkout.RootElement.GetProperty("payment_id").GetString()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((120L, 15_000L), (updated.RootElement.GetProperty("tokens").GetInt64(), updated.RootElement.GetProperty("prices")[0].GetProperty("amount").GetInt64()));
        Assert.Equal("Pack " + key, updated.RootElement.GetProperty("name").GetString());
        Assert.Equal((15_000L, 120L), (payment.Amount, payment.Tokens));
        var change = (await app.AuditAsync(AuditTargets.Pack, key)).Last();
        Assert.Equal((AuditActions.PackUpdate, "Price rise"), (change.Action, change.Reason));
        Assert.Equal("""{"tokens":100,"price_inr":10000}""", change.Before);
        Assert.Equal("""{"tokens":120,"price_inr":15000}""", change.After);
    }

    [Fact]
    public async Task Leaving_a_currency_out_of_the_prices_stops_selling_the_pack_in_it()
    {
        var key = CatalogueSteps.NewKey("pack");
        await app.AdminApi().PostAsJsonAsync("/api/admin/packs", new
        {
            key, name = "Two currencies", tokens = 100, prices = new[] { new { currency = "INR", amount = 10_000 }, new { currency = "USD", amount = 200 } },
            reason = "launch", idempotency_key = "two-" + key,
        });
        var user = await app.NewApiUserAsync();

        var response = await app.AdminApi().PutJsonAsync($"/api/admin/packs/{key}", new
        {
            prices = new[] { new { currency = "INR", amount = 10_000 } }, reason = "No more USD", idempotency_key = "inr-only-" + key,
        });
        using var offers = await user.Client.GetJsonAsync("/api/v1/packs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["INR"], offers.RootElement.GetProperty("items").EnumerateArray().Where(o => o.GetProperty("key").GetString() == key)
            .Select(o => o.GetProperty("currency").GetString()));
        Assert.Equal(["INR"], await app.WithDbAsync(db => db.PackPrices.Where(p => p.PackKey == key).Select(p => p.Currency).ToListAsync()));
        var audit = (await app.AuditAsync(AuditTargets.Pack, key)).Last();
        Assert.Equal(("""{"price_usd":200}""", """{"price_usd":null}"""), (audit.Before, audit.After));
    }

    [Fact]
    public async Task A_checkout_started_before_a_price_change_completes_with_the_old_amount_and_tokens()
    {
        var key = CatalogueSteps.NewKey("pack");
        await app.CreatePackAsync(key, tokens: 100, amount: 10_000);
        var buyer = await app.SignedUpAsync(Users.NewEmail());
        var checkout = await buyer.SubmitFormAsync($"/tokens/buy?handler=Confirm&pack={key}", new Dictionary<string, string>(),
            "[data-testid=buy-modal] form");

        await app.AdminApi().PutJsonAsync($"/api/admin/packs/{key}", new
        {
            tokens = 50, prices = new[] { new { currency = "INR", amount = 20_000 } }, reason = "Price rise", idempotency_key = "rise-" + key,
        });
        var paid = await buyer.SubmitFormAsync(checkout.Location()!, new Dictionary<string, string>(), "main form", "[data-testid=sandbox-pay]");
        var result = (await buyer.GetHtmlAsync(paid.Location()!)).QuerySelector("[data-testid=payment-result]")!;
        var payment = await app.WithDbAsync(db => db.Payments.AsNoTracking().SingleAsync(p => p.Id == checkout.Location()!.Split('/').Last()));

        Assert.Equal("succeeded", result.GetAttribute("data-status"));
        Assert.Contains("100 tokens were added", result.TextContent);
        Assert.Equal((10_000L, 100L), (payment.Amount, payment.Tokens));
        Assert.Equal("110", await buyer.NavbarBalanceAsync());
    }

    [Fact]
    public async Task A_checkout_started_before_its_pack_was_hidden_still_completes()
    {
        var key = CatalogueSteps.NewKey("pack");
        await app.CreatePackAsync(key, tokens: 40, amount: 4_000);
        var buyer = await app.SignedUpAsync(Users.NewEmail());
        var checkout = await buyer.SubmitFormAsync($"/tokens/buy?handler=Confirm&pack={key}", new Dictionary<string, string>(),
            "[data-testid=buy-modal] form");

        await app.AdminApi().PutJsonAsync($"/api/admin/packs/{key}", new { active = false, reason = "Withdrawn", idempotency_key = "hide-" + key });
        var paid = await buyer.SubmitFormAsync(checkout.Location()!, new Dictionary<string, string>(), "main form", "[data-testid=sandbox-pay]");

        Assert.Equal("succeeded", (await buyer.GetHtmlAsync(paid.Location()!)).QuerySelector("[data-testid=payment-result]")!.GetAttribute("data-status"));
        Assert.Equal("50", await buyer.NavbarBalanceAsync());
    }

    [Fact]
    public async Task A_hidden_pack_is_not_sold_and_showing_it_again_puts_it_back()
    {
        var key = CatalogueSteps.NewKey("pack");
        await app.CreatePackAsync(key);
        var user = await app.NewApiUserAsync();

        var hide = await app.AdminApi().PutJsonAsync($"/api/admin/packs/{key}", new { active = false, reason = "Sold out", idempotency_key = "hide-" + key });
        var offeredWhileHidden = await OfferedAsync(user, key);
        var checkout = await user.PostAsync("/api/v1/checkout", new { pack = key, gateway = "sandbox", idempotency_key = "buy-hidden" });
        var buyPage = await (await app.SignedUpAsync(Users.NewEmail())).GetHtmlAsync("/tokens/buy");
        using var adminList = await app.AdminApi().GetJsonAsync("/api/admin/packs");
        await app.AdminApi().PutJsonAsync($"/api/admin/packs/{key}", new { active = true, reason = "Back in stock", idempotency_key = "show-" + key });

        Assert.Equal(HttpStatusCode.OK, hide.StatusCode);
        Assert.False(offeredWhileHidden);
        Assert.Equal(HttpStatusCode.BadRequest, checkout.StatusCode);
        Assert.Equal($"unknown pack '{key}'", await checkout.ErrorAsync());
        Assert.Null(buyPage.QuerySelector($"[data-testid=pack-{key}]"));
        Assert.False(adminList.RootElement.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("key").GetString() == key)
            .GetProperty("active").GetBoolean());
        Assert.True(await OfferedAsync(user, key));
        Assert.Equal(["""{"active":true}""", """{"active":false}"""],
            (await app.AuditAsync(AuditTargets.Pack, key)).Skip(1).Select(a => a.Before));
    }

    [Fact]
    public async Task A_replayed_request_applies_once_and_answers_the_same()
    {
        var key = CatalogueSteps.NewKey("pack");
        var body = CatalogueSteps.PackBody(key, idempotencyKey: "replay-create-" + key);
        var update = new { tokens = 250, reason = "Bigger", idempotency_key = "replay-update-" + key };

        var first = await app.AdminApi().PostAsJsonAsync("/api/admin/packs", body);
        var again = await app.AdminApi().PostAsJsonAsync("/api/admin/packs", body);
        var changed = await app.AdminApi().PutJsonAsync($"/api/admin/packs/{key}", update);
        var changedAgain = await app.AdminApi().PutJsonAsync($"/api/admin/packs/{key}", update);
        var reused = await app.AdminApi().PostAsJsonAsync("/api/admin/packs", CatalogueSteps.PackBody(CatalogueSteps.NewKey(), idempotencyKey: "replay-create-" + key));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, again.StatusCode));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (changed.StatusCode, changedAgain.StatusCode));
        Assert.Equal(await changed.Content.ReadAsStringAsync(), await changedAgain.Content.ReadAsStringAsync());
        Assert.Equal([AuditActions.PackCreate, AuditActions.PackUpdate], (await app.AuditAsync(AuditTargets.Pack, key)).Select(a => a.Action));
        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
        Assert.Equal("This idempotency_key was already used for a different change.", await reused.ErrorAsync());
    }

    [Fact]
    public async Task Admins_creating_one_key_at_once_make_one_pack_and_the_others_hear_409()
    {
        var key = CatalogueSteps.NewKey("race");

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            app.AdminApi().PostAsJsonAsync("/api/admin/packs", CatalogueSteps.PackBody(key, amount: 1_000 + i, idempotencyKey: $"race-{i}-{key}"))));
        var doubleClick = CatalogueSteps.PackBody(CatalogueSteps.NewKey("click"), idempotencyKey: "one-submit-" + key);
        var submits = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.AdminApi().PostAsJsonAsync("/api/admin/packs", doubleClick)));
        var reusedKey = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.AdminApi().PostAsJsonAsync("/api/admin/packs",
            CatalogueSteps.PackBody(CatalogueSteps.NewKey("other"), idempotencyKey: "one-key-" + key))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Single(await app.AuditAsync(AuditTargets.Pack, key));
        Assert.All(submits, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Single((await Task.WhenAll(submits.Select(r => r.Content.ReadAsStringAsync()))).Distinct());
        Assert.Equal((1, 3), (reusedKey.Count(r => r.StatusCode == HttpStatusCode.Created), reusedKey.Count(r => r.StatusCode == HttpStatusCode.Conflict)));
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.IdempotencyKey!.EndsWith(key) && e.IdempotencyKey.StartsWith("one-"))));
        Assert.True((await app.VerifyAuditAsync()).Intact);
    }

    [Fact]
    public async Task A_taken_key_is_refused_with_409_and_the_pack_keeps_its_price()
    {
        var key = CatalogueSteps.NewKey("pack");
        await app.CreatePackAsync(key, amount: 10_000);

        var response = await app.AdminApi().PostAsJsonAsync("/api/admin/packs", CatalogueSteps.PackBody(key, amount: 1));
        using var pack = await app.AdminApi().GetJsonAsync($"/api/admin/packs/{key}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal($"A pack with the key '{key}' already exists; choose another key.", await response.ErrorAsync());
        Assert.Equal(10_000, pack.RootElement.GetProperty("prices")[0].GetProperty("amount").GetInt64());
        Assert.Single(await app.AuditAsync(AuditTargets.Pack, key));
    }

    [Theory]
    [InlineData("\"tokens\":0", "Enter the tokens as a whole number from 1 to 10,000,000.")]
    [InlineData("\"tokens\":-5", "Enter the tokens as a whole number from 1 to 10,000,000.")]
    [InlineData("\"tokens\":10000001", "Enter the tokens as a whole number from 1 to 10,000,000.")]
    [InlineData("\"tokens\":1.5", "invalid body: the value at $.tokens is not valid")]
    [InlineData("\"tokens\":\"ten\"", "invalid body: the value at $.tokens is not valid")]
    [InlineData("\"tokens\":99999999999999999999", "invalid body: the value at $.tokens is not valid")]
    [InlineData("\"bonus_tokens\":-1", "Enter the bonus tokens as a whole number from 0 to 10,000,000 (0 for none).")]
    [InlineData("\"prices\":[]", "Give a price in at least one currency.")]
    [InlineData("\"prices\":null", "Give a price in at least one currency.")]
    [InlineData("\"prices\":[{\"currency\":\"INR\",\"amount\":0}]", "The INR price must be more than 0, in whole minor units (paise, cents).")]
    [InlineData("\"prices\":[{\"currency\":\"INR\",\"amount\":-100}]", "The INR price must be more than 0, in whole minor units (paise, cents).")]
    [InlineData("\"prices\":[{\"currency\":\"INR\",\"amount\":99.5}]", "invalid body: the value at $.prices[0].amount is not valid")]
    [InlineData("\"prices\":[{\"currency\":\"INR\",\"amount\":1000000000000}]", "The INR price is more than 1,000,000,000 minor units; check it.")]
    [InlineData("\"prices\":[{\"currency\":\"EUR\",\"amount\":500}]", "Unknown currency 'EUR': use one of INR, USD.")]
    [InlineData("\"prices\":[{\"currency\":\"INR\",\"amount\":500},{\"currency\":\"inr\",\"amount\":600}]", "INR is listed twice.")]
    [InlineData("\"prices\":[null]", "Each price needs a currency and an amount.")]
    [InlineData("\"name\":\"\"", "Give the pack's name.")]
    [InlineData("\"name\":\"NAME61\"", "Keep the pack's name to 60 characters (it has 61).")]
    [InlineData("\"reason\":\"\"", "Give a reason: it is kept in the audit log.")]
    [InlineData("\"reason\":null", "Give a reason: it is kept in the audit log.")]
    [InlineData("\"reason\":\"REASON201\"", "Keep the reason to 200 characters (it has 201).")]
    [InlineData("\"idempotency_key\":null", "Idempotency_key is required.")]
    [InlineData("\"key\":\"Big Pack\"", "The key must be 2 to 30 characters: lower-case letters, digits and _ only.")]
    [InlineData("\"key\":\"a\"", "The key must be 2 to 30 characters: lower-case letters, digits and _ only.")]
    [InlineData("\"key\":\"KEY31\"", "The key must be 2 to 30 characters: lower-case letters, digits and _ only.")]
    [InlineData("\"key\":\"new\"", "'new' is reserved; choose another key.")]
    public async Task Bad_input_is_refused_with_a_clear_message_and_creates_nothing(string field, string message)
    {
        var key = CatalogueSteps.NewKey("bad");
        var fields = new Dictionary<string, string>
        {
            ["key"] = $"\"{key}\"", ["name"] = "\"Bad pack\"", ["tokens"] = "100", ["bonus_tokens"] = "0",
            ["prices"] = "[{\"currency\":\"INR\",\"amount\":10000}]", ["reason"] = "\"test\"", ["idempotency_key"] = $"\"{key}\"",
        };
        var name = field[1..field.IndexOf('"', 1)];
        fields[name] = field[(field.IndexOf(':') + 1)..].Replace("NAME61", new string('n', 61)).Replace("REASON201", new string('r', 201))
            .Replace("KEY31", new string('k', 31));
        var json = "{" + string.Join(",", fields.Select(f => $"\"{f.Key}\":{f.Value}")) + "}";
        var packsBefore = await app.WithDbAsync(db => db.Packs.CountAsync());

        var response = await app.AdminApi().PostRawAsync("/api/admin/packs", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, await response.ErrorAsync());
        Assert.Equal(packsBefore, await app.WithDbAsync(db => db.Packs.CountAsync()));
        Assert.Empty(await app.WithDbAsync(db => db.AuditEntries.Where(e => e.IdempotencyKey == key).ToListAsync()));
    }

    [Theory]
    [InlineData("""{"tokens":0,"reason":"r","idempotency_key":"KEY"}""", "Enter the tokens as a whole number from 1 to 10,000,000.")]
    [InlineData("""{"prices":[{"currency":"GBP","amount":100}],"reason":"r","idempotency_key":"KEY"}""", "Unknown currency 'GBP': use one of INR, USD.")]
    [InlineData("""{"name":"   ","reason":"r","idempotency_key":"KEY"}""", "Give the pack's name.")]
    [InlineData("""{"tokens":200,"idempotency_key":"KEY"}""", "Give a reason: it is kept in the audit log.")]
    [InlineData("""not json""", "invalid body: malformed JSON")]
    public async Task A_bad_change_leaves_the_pack_as_it_was(string json, string message)
    {
        var key = CatalogueSteps.NewKey("pack");
        using var before = await app.CreatePackAsync(key);

        var response = await app.AdminApi().PutRawAsync($"/api/admin/packs/{key}", json.Replace("KEY", "bad-" + key));
        using var after = await app.AdminApi().GetJsonAsync($"/api/admin/packs/{key}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, await response.ErrorAsync());
        Assert.Equal(before.RootElement.GetRawText(), after.RootElement.GetRawText());
        Assert.Single(await app.AuditAsync(AuditTargets.Pack, key));
    }

    [Fact]
    public async Task Changing_an_unknown_pack_is_not_found()
    {
        var response = await app.AdminApi().PutJsonAsync("/api/admin/packs/no_such_pack", new { tokens = 5, reason = "r", idempotency_key = "k-404" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("There is no pack 'no_such_pack'.", await response.ErrorAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await app.AdminApi().GetAsync("/api/admin/packs/no_such_pack")).StatusCode);
    }

    private static async Task<bool> OfferedAsync(ApiUser user, string key)
    {
        using var offers = await user.Client.GetJsonAsync("/api/v1/packs");
        return offers.RootElement.GetProperty("items").EnumerateArray().Any(o => o.GetProperty("key").GetString() == key);
    }
}

public sealed class PackApiTests_Sqlite(SqliteApp app) : PackApiTests(app), IClassFixture<SqliteApp>;

public sealed class PackApiTests_Postgres(PostgresApp app) : PackApiTests(app), IClassFixture<PostgresApp>;
