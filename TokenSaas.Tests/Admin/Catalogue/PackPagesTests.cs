using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Audit;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Admin.Catalogue;

/// <summary>/admin/packs as an admin uses it in a browser: forms with antiforgery, a confirm step, htmx.</summary>
public abstract class PackPagesTests(TestApp app)
{
    [Fact]
    public async Task An_admin_creates_a_pack_from_the_form_after_confirming_and_users_can_buy_it_at_once()
    {
        var admin = await app.AdminBrowserAsync();
        var key = CatalogueSteps.NewKey("form");

        var review = await admin.SubmitFormAsync("/admin/packs/new", new Dictionary<string, string>
        {
            ["Input.Key"] = key, ["Input.Name"] = "Festival pack", ["Input.Tokens"] = "1,000", ["Input.BonusTokens"] = "100",
            ["Input.Prices[INR]"] = "899", ["Input.Prices[USD]"] = "", ["Input.Reason"] = "Festival sale",
        }, "#pack-form");
        var confirm = await review.ReadHtmlAsync();
        var packBeforeConfirm = await app.WithDbAsync(db => db.Packs.AnyAsync(p => p.Key == key));
        var saved = await admin.ConfirmAsync(confirm);
        var page = await admin.GetHtmlAsync(saved.Location()!);
        var list = await admin.GetHtmlAsync("/admin/packs");
        var buy = await (await app.SignedUpAsync(Users.NewEmail())).GetHtmlAsync("/tokens/buy");

        var changes = confirm.Changes();
        Assert.Equal("1,000", changes["Tokens"]);
        Assert.Equal("100", changes["Bonus tokens"]);
        Assert.Equal("₹899", changes["Price in INR"]);
        Assert.Equal("on sale", changes["Status"]);
        Assert.False(packBeforeConfirm);
        Assert.Equal($"/admin/packs/{key}", saved.Location());
        Assert.Equal("Festival pack was created.", page.QuerySelector("[role=status]")!.TextContent);
        var row = list.QuerySelector($"[data-testid=packs] tr[data-pack={key}]")!.TextContent;
        Assert.Contains("Festival pack", row);
        Assert.Contains("₹899", row);
        Assert.Contains("+100", row);
        Assert.Contains("On sale", row);
        Assert.Contains("₹899", buy.QuerySelector($"[data-testid=pack-{key}]")!.TextContent);
        Assert.Equal("Festival sale", Assert.Single(await app.AuditAsync(AuditTargets.Pack, key)).Reason);
    }

    [Fact]
    public async Task Editing_with_htmx_shows_before_and_after_and_confirming_twice_saves_once()
    {
        var key = CatalogueSteps.NewKey("form");
        await app.CreatePackAsync(key, tokens: 100, amount: 10_000);
        var admin = await app.AdminBrowserAsync();
        admin.DefaultRequestHeaders.Add("HX-Request", "true");

        var review = await admin.SubmitFormAsync($"/admin/packs/{key}",
            new Dictionary<string, string> { ["Input.Prices[INR]"] = "150", ["Input.Reason"] = "Price rise" }, "#pack-form");
        var confirm = await review.ReadHtmlAsync();
        var first = await admin.ConfirmAsync(confirm);
        var second = await admin.ConfirmAsync(confirm);
        using var pack = await app.AdminApi().GetJsonAsync($"/api/admin/packs/{key}");
        var buy = await (await app.SignedUpAsync(Users.NewEmail())).GetHtmlAsync("/tokens/buy");

        Assert.Contains("₹150", buy.QuerySelector($"[data-testid=pack-{key}]")!.TextContent);
        Assert.Null(confirm.QuerySelector("html body main"));
        Assert.Equal(new Dictionary<string, string> { ["Price in INR"] = "₹100 → ₹150" }, confirm.Changes());
        Assert.Equal($"/admin/packs/{key}", first.Headers.GetValues("HX-Redirect").Single());
        Assert.Equal($"/admin/packs/{key}", second.Headers.GetValues("HX-Redirect").Single());
        Assert.Equal(15_000, pack.RootElement.GetProperty("prices")[0].GetProperty("amount").GetInt64());
        Assert.Equal([AuditActions.PackCreate, AuditActions.PackUpdate], (await app.AuditAsync(AuditTargets.Pack, key)).Select(a => a.Action));
        Assert.Equal("Price rise", (await app.AuditAsync(AuditTargets.Pack, key)).Last().Reason);
    }

    [Theory]
    [InlineData("Input.Tokens", "abc", "Enter the tokens as a whole number from 1 to 10,000,000.")]
    [InlineData("Input.Tokens", "0", "Enter the tokens as a whole number from 1 to 10,000,000.")]
    [InlineData("Input.Tokens", "-5", "Enter the tokens as a whole number from 1 to 10,000,000.")]
    [InlineData("Input.Tokens", "1.5", "Enter the tokens as a whole number from 1 to 10,000,000.")]
    [InlineData("Input.Tokens", "99999999999999999999", "Enter the tokens as a whole number from 1 to 10,000,000.")]
    [InlineData("Input.BonusTokens", "-1", "Enter the bonus tokens as a whole number from 0 to 10,000,000 (0 for none).")]
    [InlineData("Input.Prices[INR]", "-5", "The INR price must be more than ₹0.")]
    [InlineData("Input.Prices[INR]", "0", "The INR price must be more than ₹0.")]
    [InlineData("Input.Prices[INR]", "abc", "Enter the INR price as an amount such as 499.5.")]
    [InlineData("Input.Prices[INR]", "10.555", "Enter the INR price as an amount such as 499.5.")]
    [InlineData("Input.Prices[INR]", "99999999999", "The INR price must be at most ₹10,000,000.")]
    [InlineData("Input.Prices[INR]", "", "Give a price in at least one currency.")]
    [InlineData("Input.Name", "", "Give the pack's name.")]
    [InlineData("Input.Name", "LONG61", "Keep the pack's name to 60 characters (it has 61).")]
    [InlineData("Input.Key", "Big Pack", "The key must be 2 to 30 characters: lower-case letters, digits and _ only.")]
    [InlineData("Input.Key", "new", "'new' is reserved; choose another key.")]
    [InlineData("Input.Key", "inr_100", "A pack with the key 'inr_100' already exists; choose another key.")]
    [InlineData("Input.Reason", "", "Give a reason: it is kept in the audit log.")]
    [InlineData("Input.Reason", "LONG201", "Keep the reason to 200 characters (it has 201).")]
    public async Task Bad_form_input_is_shown_next_to_its_field_and_saves_nothing(string field, string value, string message)
    {
        var admin = await app.AdminBrowserAsync();
        var fields = new Dictionary<string, string>
        {
            ["Input.Key"] = CatalogueSteps.NewKey("bad"), ["Input.Name"] = "Bad pack", ["Input.Tokens"] = "100", ["Input.BonusTokens"] = "0",
            ["Input.Prices[INR]"] = "100", ["Input.Prices[USD]"] = "", ["Input.Reason"] = "test",
        };
        fields[field] = value.Replace("LONG61", new string('n', 61)).Replace("LONG201", new string('r', 201));
        var packs = await app.WithDbAsync(db => db.Packs.CountAsync());

        var response = await admin.SubmitFormAsync("/admin/packs/new", fields, "#pack-form");
        var page = await response.ReadHtmlAsync();

        var errorId = field switch
        {
            "Input.Prices[INR]" => "pack-prices-error", "Input.BonusTokens" => "pack-bonus-error",
            _ => $"pack-{field[6..].ToLowerInvariant()}-error",
        };
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(message, page.GetElementById(errorId)?.TextContent);
        Assert.Equal([message], page.FormErrors());
        Assert.Null(page.QuerySelector("[data-testid=confirm-run]"));
        Assert.Equal(packs, await app.WithDbAsync(db => db.Packs.CountAsync()));
    }

    [Fact]
    public async Task With_htmx_a_refused_form_comes_back_in_place_with_its_messages()
    {
        var admin = await app.AdminBrowserAsync();
        admin.DefaultRequestHeaders.Add("HX-Request", "true");
        admin.DefaultRequestHeaders.Add("HX-Trigger", "pack-form");

        var response = await admin.SubmitFormAsync("/admin/packs/inr_100",
            new Dictionary<string, string> { ["Input.Tokens"] = "0", ["Input.Reason"] = "" }, "#pack-form");
        var form = await response.ReadHtmlAsync();

        Assert.Equal("#pack-form", response.Headers.GetValues("HX-Retarget").Single());
        Assert.Equal("Enter the tokens as a whole number from 1 to 10,000,000.", form.GetElementById("pack-tokens-error")!.TextContent);
        Assert.Equal("Give a reason: it is kept in the audit log.", form.GetElementById("pack-reason-error")!.TextContent);
        Assert.Equal("0", form.QuerySelector("#pack-tokens")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_reason_emptied_in_the_confirm_step_is_asked_for_there_and_nothing_is_saved_until_it_is_given()
    {
        var key = CatalogueSteps.NewKey("form");
        await app.CreatePackAsync(key, tokens: 100);
        var admin = await app.AdminBrowserAsync();
        var confirm = await (await admin.SubmitFormAsync($"/admin/packs/{key}",
            new Dictionary<string, string> { ["Input.Tokens"] = "110", ["Input.Reason"] = "More tokens" }, "#pack-form")).ReadHtmlAsync();

        var refused = await (await admin.ConfirmAsync(confirm, reason: "  ")).ReadHtmlAsync();
        using var unchanged = await app.AdminApi().GetJsonAsync($"/api/admin/packs/{key}");
        var saved = await admin.ConfirmAsync(refused, reason: "More tokens, for real");
        using var changed = await app.AdminApi().GetJsonAsync($"/api/admin/packs/{key}");

        Assert.Equal(new Dictionary<string, string> { ["Tokens"] = "100 → 110" }, refused.Changes());
        Assert.Equal(["Give a reason: it is kept in the audit log."], refused.FormErrors());
        Assert.Equal(100, unchanged.RootElement.GetProperty("tokens").GetInt64());
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(110, changed.RootElement.GetProperty("tokens").GetInt64());
        Assert.Equal("More tokens, for real", (await app.AuditAsync(AuditTargets.Pack, key)).Last().Reason);
    }

    [Fact]
    public async Task Hiding_a_pack_from_its_page_takes_it_off_sale()
    {
        var key = CatalogueSteps.NewKey("form");
        await app.CreatePackAsync(key);
        var admin = await app.AdminBrowserAsync();

        var review = await admin.SubmitFormAsync($"/admin/packs/{key}", new Dictionary<string, string> { ["Input.Reason"] = "Retired" },
            "[data-testid=visibility] form");
        var confirm = await review.ReadHtmlAsync();
        var saved = await admin.ConfirmAsync(confirm);
        var page = await admin.GetHtmlAsync(saved.Location()!);
        var hidden = await admin.GetHtmlAsync("/admin/packs?status=hidden");
        var onSale = await admin.GetHtmlAsync("/admin/packs?status=active");
        var buy = await (await app.SignedUpAsync(Users.NewEmail())).GetHtmlAsync("/tokens/buy");

        Assert.Equal(new Dictionary<string, string> { ["Status"] = "on sale → hidden" }, confirm.Changes());
        Assert.Equal("Hidden", page.QuerySelector("[data-testid=pack-status]")!.TextContent);
        Assert.NotNull(hidden.QuerySelector($"tr[data-pack={key}]"));
        Assert.Null(onSale.QuerySelector($"tr[data-pack={key}]"));
        Assert.Null(buy.QuerySelector($"[data-testid=pack-{key}]"));
    }

    [Fact]
    public async Task A_script_in_a_pack_name_is_shown_as_text_everywhere()
    {
        var key = CatalogueSteps.NewKey("xss");
        const string name = "<script>alert('x')</script>";
        var created = await app.AdminApi().PostAsJsonAsync("/api/admin/packs", new
        {
            key, name, tokens = 10, prices = new[] { new { currency = "INR", amount = 1_000 } }, reason = "test", idempotency_key = "xss-" + key,
        });
        var admin = await app.AdminBrowserAsync();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        foreach (var (client, url) in new[] { (admin, "/admin/packs"), (admin, $"/admin/packs/{key}"), (await app.SignedUpAsync(Users.NewEmail()), "/tokens/buy") })
        {
            var html = await (await client.GetAsync(url)).Content.ReadAsStringAsync();
            Assert.DoesNotContain("<script>alert", html);
            Assert.Contains("&lt;script&gt;alert(", html);
        }
    }

    [Fact]
    public async Task The_list_says_so_when_no_pack_is_hidden_and_the_form_needs_its_antiforgery_token()
    {
        await app.WithDbAsync(db => db.Packs.Where(p => !p.Active).ExecuteUpdateAsync(s => s.SetProperty(p => p.Active, true)));
        var admin = await app.AdminBrowserAsync();

        var empty = await admin.GetHtmlAsync("/admin/packs?status=hidden");
        var forged = await admin.PostAsync("/admin/packs/new?handler=Review", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Key"] = "forged", ["Input.Name"] = "Forged", ["Input.Tokens"] = "5", ["Input.Prices[INR]"] = "1", ["Input.Reason"] = "x",
        }));

        Assert.Equal("No hidden packs", empty.QuerySelector("[data-testid=packs-empty] h2")!.TextContent);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/packs/no_such_pack")).StatusCode);
    }
}

public sealed class PackPagesTests_Sqlite(SqliteApp app) : PackPagesTests(app), IClassFixture<SqliteApp>;

public sealed class PackPagesTests_Postgres(PostgresApp app) : PackPagesTests(app), IClassFixture<PostgresApp>;
