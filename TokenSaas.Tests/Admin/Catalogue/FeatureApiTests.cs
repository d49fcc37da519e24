using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Audit;
using TokenSaas.Identity;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Admin.Catalogue;

/// <summary>SPEC 10.3's feature endpoints: a cost change has a history, applies to the next spend, and never to one already made.</summary>
public abstract class FeatureApiTests(TestApp app)
{
    [Fact]
    public async Task A_created_feature_can_be_spent_on_at_once_and_its_first_cost_starts_the_history()
    {
        var key = CatalogueSteps.NewKey("feat");
        var user = await app.NewApiUserAsync();
        using var warm = await user.Client.GetJsonAsync("/api/v1/features"); // the catalogue is cached: creating must not wait for it

        var response = await app.AdminApi().PostAsJsonAsync("/api/admin/features", new
        {
            key, name = "Translate", category = "Documents", description = "Translate a text.", cost = 4, cost_per_use = 120,
            reason = "New AI action", idempotency_key = "create-" + key,
        });
        using var created = await response.ReadJsonAsync();
        using var catalogue = await user.Client.GetJsonAsync("/api/v1/features");
        using var spend = await (await user.SpendAsync(key, "first-use")).ReadJsonAsync();
        using var history = await app.AdminApi().GetJsonAsync($"/api/admin/features/{key}/history");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.StartsWith($$"""{"key":"{{key}}","name":"Translate","category":"Documents","description":"Translate a text.","cost":4,"cost_per_use":120,"active":true,""",
            created.RootElement.GetRawText());
        Assert.Equal(4, catalogue.RootElement.GetProperty("items").EnumerateArray().Single(f => f.GetProperty("key").GetString() == key)
            .GetProperty("cost").GetInt64());
        Assert.Equal((4L, 6L), (spend.RootElement.GetProperty("spent").GetInt64(), spend.RootElement.GetProperty("balance").GetInt64()));
        var first = Assert.Single(history.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("cost_before").ValueKind);
        Assert.Equal((4L, 120L, "New AI action"), (first.GetProperty("cost_after").GetInt64(), first.GetProperty("cost_per_use_after").GetInt64(),
            first.GetProperty("reason").GetString()));
        Assert.Equal(AuditActions.FeatureCreate, Assert.Single(await app.AuditAsync(AuditTargets.Feature, key)).Action);
    }

    [Fact]
    public async Task A_cost_change_is_recorded_and_used_by_the_next_spend_while_earlier_spends_and_holds_keep_their_amount()
    {
        var key = CatalogueSteps.NewKey("feat");
        await app.CreateFeatureAsync(key, cost: 3);
        var admin = await app.NewApiUserAsync(Roles.Admin);
        var user = await app.NewApiUserAsync();
        await user.GrantAsync(100);
        using var earlier = await (await user.SpendAsync(key, "before-change")).ReadJsonAsync();
        using var hold = await (await user.PostAsync("/api/v1/holds", new { feature = key, idempotency_key = "held-before-change" })).ReadJsonAsync();

        var change = await admin.Client.PutAsJsonAsync($"/api/admin/features/{key}",
            new { cost = 5, reason = "The model got dearer", idempotency_key = "cost-" + key });
        using var catalogue = await user.Client.GetJsonAsync("/api/v1/features");
        using var later = await (await user.SpendAsync(key, "after-change")).ReadJsonAsync();
        using var captured = await (await user.PostAsync($"/api/v1/holds/{hold.RootElement.GetProperty("hold_id").GetInt64()}/capture", new { })).ReadJsonAsync();
        using var replayed = await (await user.SpendAsync(key, "before-change")).ReadJsonAsync();
        using var history = await app.AdminApi().GetJsonAsync($"/api/admin/features/{key}/history");

        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        Assert.Equal(5, catalogue.RootElement.GetProperty("items").EnumerateArray().Single(f => f.GetProperty("key").GetString() == key)
            .GetProperty("cost").GetInt64());
        Assert.Equal(3, earlier.RootElement.GetProperty("spent").GetInt64());
        Assert.Equal(3, hold.RootElement.GetProperty("amount").GetInt64());
        Assert.Equal(5, later.RootElement.GetProperty("spent").GetInt64());
        Assert.Equal(3, captured.RootElement.GetProperty("spent").GetInt64());
        Assert.Equal((earlier.RootElement.GetProperty("entry_id").GetInt64(), 3L),
            (replayed.RootElement.GetProperty("entry_id").GetInt64(), replayed.RootElement.GetProperty("spent").GetInt64()));
        Assert.Equal(110 - 3 - 3 - 5, await user.BalanceAsync());
        var entry = await app.WithDbAsync(db => db.LedgerEntries.AsNoTracking().SingleAsync(e => e.Id == earlier.RootElement.GetProperty("entry_id").GetInt64()));
        Assert.Equal(-3, entry.Amount);
        var newest = history.RootElement.GetProperty("items")[0];
        Assert.Equal((3L, 5L, admin.Email, "The model got dearer"), (newest.GetProperty("cost_before").GetInt64(), newest.GetProperty("cost_after").GetInt64(),
            newest.GetProperty("changed_by").GetString(), newest.GetProperty("reason").GetString()));
        Assert.Equal(2, history.RootElement.GetProperty("items").GetArrayLength());
        var audit = (await app.AuditAsync(AuditTargets.Feature, key)).Last();
        Assert.Equal((AuditActions.FeatureCost, """{"cost":3}""", """{"cost":5}""", admin.Email), (audit.Action, audit.Before, audit.After, audit.ActorEmail));
        Assert.True((await app.VerifyAsync()).Clean);
    }

    [Fact]
    public async Task Other_edits_are_audited_as_updates_without_a_cost_history_row()
    {
        var key = CatalogueSteps.NewKey("feat");
        await app.CreateFeatureAsync(key, cost: 2, costPerUse: 50);

        var renamed = await app.AdminApi().PutJsonAsync($"/api/admin/features/{key}",
            new { name = "Better name", category = "Writing", reason = "Clearer", idempotency_key = "rename-" + key });
        var leftAlone = await app.AdminApi().PutJsonAsync($"/api/admin/features/{key}", new { cost = 2, reason = "no-op", idempotency_key = "same-" + key });
        var cleared = await app.AdminApi().PutRawAsync($"/api/admin/features/{key}",
            $$"""{"cost_per_use":null,"reason":"Unknown now","idempotency_key":"clear-{{key}}"}""");
        using var json = await cleared.ReadJsonAsync();
        using var history = await app.AdminApi().GetJsonAsync($"/api/admin/features/{key}/history");

        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, leftAlone.StatusCode);
        Assert.Equal(("Better name", "Writing", JsonValueKind.Null),
            (json.RootElement.GetProperty("name").GetString(), json.RootElement.GetProperty("category").GetString(), json.RootElement.GetProperty("cost_per_use").ValueKind));
        Assert.Equal([AuditActions.FeatureCreate, AuditActions.FeatureUpdate, AuditActions.FeatureCost],
            (await app.AuditAsync(AuditTargets.Feature, key)).Select(a => a.Action));
        var newest = history.RootElement.GetProperty("items")[0];
        Assert.Equal((50L, JsonValueKind.Null), (newest.GetProperty("cost_per_use_before").GetInt64(), newest.GetProperty("cost_per_use_after").ValueKind));
        Assert.Equal(2, history.RootElement.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_hidden_feature_cannot_be_spent_on_but_a_hold_taken_before_still_captures()
    {
        var key = CatalogueSteps.NewKey("feat");
        await app.CreateFeatureAsync(key, cost: 2);
        var user = await app.NewApiUserAsync();
        using var hold = await (await user.PostAsync("/api/v1/holds", new { feature = key, idempotency_key = "held" })).ReadJsonAsync();

        var hide = await app.AdminApi().PutJsonAsync($"/api/admin/features/{key}", new { active = false, reason = "Provider outage", idempotency_key = "hide-" + key });
        var spend = await user.SpendAsync(key, "while-hidden");
        var newHold = await user.PostAsync("/api/v1/holds", new { feature = key, idempotency_key = "held-while-hidden" });
        using var catalogue = await user.Client.GetJsonAsync("/api/v1/features");
        var capture = await user.PostAsync($"/api/v1/holds/{hold.RootElement.GetProperty("hold_id").GetInt64()}/capture", new { });

        Assert.Equal(HttpStatusCode.OK, hide.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, spend.StatusCode);
        Assert.Equal($"unknown feature '{key}'", await spend.ErrorAsync());
        Assert.Equal(HttpStatusCode.BadRequest, newHold.StatusCode);
        Assert.DoesNotContain(catalogue.RootElement.GetProperty("items").EnumerateArray(), f => f.GetProperty("key").GetString() == key);
        Assert.Equal(HttpStatusCode.OK, capture.StatusCode);
        Assert.Equal(8, await user.BalanceAsync());
    }

    [Fact]
    public async Task A_replayed_cost_change_applies_once()
    {
        var key = CatalogueSteps.NewKey("feat");
        await app.CreateFeatureAsync(key, cost: 1);
        var body = new { cost = 9, reason = "Repriced", idempotency_key = "replay-" + key };

        var first = await app.AdminApi().PutJsonAsync($"/api/admin/features/{key}", body);
        var again = await app.AdminApi().PutJsonAsync($"/api/admin/features/{key}", body);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        Assert.Equal(2, await app.WithDbAsync(db => db.FeatureCostChanges.CountAsync(c => c.FeatureKey == key)));
        Assert.Equal(2, (await app.AuditAsync(AuditTargets.Feature, key)).Count);
    }

    [Fact]
    public async Task One_cost_change_sent_four_times_at_once_is_made_once()
    {
        var key = CatalogueSteps.NewKey("feat");
        await app.CreateFeatureAsync(key, cost: 1);
        var body = new { cost = 6, reason = "Retried by a flaky client", idempotency_key = "race-" + key };

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.AdminApi().PutJsonAsync($"/api/admin/features/{key}", body)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(2, await app.WithDbAsync(db => db.FeatureCostChanges.CountAsync(c => c.FeatureKey == key)));
        Assert.Equal([AuditActions.FeatureCreate, AuditActions.FeatureCost], (await app.AuditAsync(AuditTargets.Feature, key)).Select(a => a.Action));
        Assert.True((await app.VerifyAuditAsync()).Intact);
    }

    [Theory]
    [InlineData("\"cost\":-1", "Enter the cost as a whole number of tokens from 0 (free) to 1,000,000.")]
    [InlineData("\"cost\":1000001", "Enter the cost as a whole number of tokens from 0 (free) to 1,000,000.")]
    [InlineData("\"cost\":null", "Enter the cost as a whole number of tokens from 0 (free) to 1,000,000.")]
    [InlineData("\"cost\":2.5", "invalid body: the value at $.cost is not valid")]
    [InlineData("\"cost\":\"five\"", "invalid body: the value at $.cost is not valid")]
    [InlineData("\"cost_per_use\":-1", "Enter what one use costs us as a whole number of minor units from 0 to 1,000,000,000, or leave it empty.")]
    [InlineData("\"cost_per_use\":1.5", "cost_per_use must be a whole number of minor units, or null")]
    [InlineData("\"cost_per_use\":\"cheap\"", "cost_per_use must be a whole number of minor units, or null")]
    [InlineData("\"name\":\"\"", "Give the feature's name.")]
    [InlineData("\"name\":\"NAME101\"", "Keep the feature's name to 100 characters (it has 101).")]
    [InlineData("\"category\":\"\"", "Give the category.")]
    [InlineData("\"category\":\"CATEGORY51\"", "Keep the category to 50 characters (it has 51).")]
    [InlineData("\"description\":\"DESCRIPTION501\"", "Keep the description to 500 characters (it has 501).")]
    [InlineData("\"key\":\"Feature!\"", "The key must be 2 to 50 characters: lower-case letters, digits and _ only.")]
    [InlineData("\"key\":\"KEY51\"", "The key must be 2 to 50 characters: lower-case letters, digits and _ only.")]
    [InlineData("\"reason\":\"  \"", "Give a reason: it is kept in the audit log.")]
    [InlineData("\"reason\":\"REASON201\"", "Keep the reason to 200 characters (it has 201).")]
    public async Task Bad_input_is_refused_with_a_clear_message_and_creates_nothing(string field, string message)
    {
        var key = CatalogueSteps.NewKey("bad");
        var fields = new Dictionary<string, string>
        {
            ["key"] = $"\"{key}\"", ["name"] = "\"Bad feature\"", ["category"] = "\"Tests\"", ["description"] = "\"\"", ["cost"] = "1",
            ["reason"] = "\"test\"", ["idempotency_key"] = $"\"{key}\"",
        };
        var name = field[1..field.IndexOf('"', 1)];
        fields[name] = field[(field.IndexOf(':') + 1)..].Replace("NAME101", new string('n', 101)).Replace("CATEGORY51", new string('c', 51))
            .Replace("DESCRIPTION501", new string('d', 501)).Replace("REASON201", new string('r', 201)).Replace("KEY51", new string('k', 51));
        var json = "{" + string.Join(",", fields.Select(f => $"\"{f.Key}\":{f.Value}")) + "}";
        var featuresBefore = await app.WithDbAsync(db => db.Features.CountAsync());

        var response = await app.AdminApi().PostRawAsync("/api/admin/features", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, await response.ErrorAsync());
        Assert.Equal(featuresBefore, await app.WithDbAsync(db => db.Features.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.FeatureCostChanges.CountAsync(c => c.FeatureKey == key)));
    }

    [Fact]
    public async Task A_bad_cost_change_leaves_the_cost_and_its_history_alone()
    {
        var key = CatalogueSteps.NewKey("feat");
        await app.CreateFeatureAsync(key, cost: 3);

        var negative = await app.AdminApi().PutJsonAsync($"/api/admin/features/{key}", new { cost = -4, reason = "oops", idempotency_key = "neg-" + key });
        var noReason = await app.AdminApi().PutJsonAsync($"/api/admin/features/{key}", new { cost = 4, idempotency_key = "nr-" + key });
        using var feature = await app.AdminApi().GetJsonAsync($"/api/admin/features/{key}");

        Assert.Equal("Enter the cost as a whole number of tokens from 0 (free) to 1,000,000.", await negative.ErrorAsync());
        Assert.Equal("Give a reason: it is kept in the audit log.", await noReason.ErrorAsync());
        Assert.Equal(3, feature.RootElement.GetProperty("cost").GetInt64());
        Assert.Equal(1, await app.WithDbAsync(db => db.FeatureCostChanges.CountAsync(c => c.FeatureKey == key)));
    }

    [Fact]
    public async Task A_taken_key_is_a_conflict_and_an_unknown_feature_is_not_found()
    {
        var key = CatalogueSteps.NewKey("feat");
        await app.CreateFeatureAsync(key, cost: 3);

        var duplicate = await app.AdminApi().PostAsJsonAsync("/api/admin/features", CatalogueSteps.FeatureBody(key, cost: 1));
        var seededDuplicate = await app.AdminApi().PostAsJsonAsync("/api/admin/features", CatalogueSteps.FeatureBody("create_website"));
        var unknown = await app.AdminApi().PutJsonAsync("/api/admin/features/teleport", new { cost = 1, reason = "r", idempotency_key = "k-teleport" });
        var unknownHistory = await app.AdminApi().GetAsync("/api/admin/features/teleport/history");

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal($"A feature with the key '{key}' already exists; choose another key.", await duplicate.ErrorAsync());
        Assert.Equal(HttpStatusCode.Conflict, seededDuplicate.StatusCode);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (unknown.StatusCode, unknownHistory.StatusCode));
        Assert.Equal("There is no feature 'teleport'.", await unknown.ErrorAsync());
    }

    [Fact]
    public async Task The_list_has_every_feature_with_its_costs_and_status()
    {
        var key = CatalogueSteps.NewKey("feat");
        await app.CreateFeatureAsync(key, cost: 6, costPerUse: 75);

        using var list = await app.AdminApi().GetJsonAsync("/api/admin/features");

        var items = list.RootElement.GetProperty("items").EnumerateArray().ToList();
        var mine = items.Single(f => f.GetProperty("key").GetString() == key);
        Assert.Equal((6L, 75L, true, "Tests"), (mine.GetProperty("cost").GetInt64(), mine.GetProperty("cost_per_use").GetInt64(),
            mine.GetProperty("active").GetBoolean(), mine.GetProperty("category").GetString()));
        Assert.Contains(items, f => f.GetProperty("key").GetString() == "create_website");
    }
}

public sealed class FeatureApiTests_Sqlite(SqliteApp app) : FeatureApiTests(app), IClassFixture<SqliteApp>;

public sealed class FeatureApiTests_Postgres(PostgresApp app) : FeatureApiTests(app), IClassFixture<PostgresApp>;
