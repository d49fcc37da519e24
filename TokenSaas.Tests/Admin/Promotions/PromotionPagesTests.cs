using System.Net;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Audit;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Admin.Promotions;

/// <summary>/admin/promotions as an admin uses it in a browser: the form, the cards, search, the detail page's actions.</summary>
public abstract class PromotionPagesTests(TestApp app)
{
    [Fact]
    public async Task An_admin_creates_a_promotion_from_the_form_and_its_card_shows_under_active_with_its_code()
    {
        var admin = await app.AdminBrowserAsync();
        var code = Promos.NewCode("form");
        var name = "Form sale " + Guid.NewGuid().ToString("N")[..6];

        var saved = await admin.SubmitFormAsync("/admin/promotions/new", new Dictionary<string, string>
        {
            ["Input.Name"] = name, ["Input.Type"] = "amount_off", ["Input.Value"] = "50", ["Input.Currency"] = "INR", ["Input.Code"] = code,
            ["Input.MaxRedemptions"] = "1,000", ["Input.Budget"] = "5000", ["Input.Reason"] = "Weekend sale",
        }, "#promotion-form");
        var detail = await admin.GetHtmlAsync(saved.Location()!);
        var list = await admin.GetHtmlAsync("/admin/promotions");

        Assert.Matches("^/admin/promotions/[0-9]+$", saved.Location());
        Assert.Equal($"{name} was created.", detail.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal("Active", detail.QuerySelector("[data-testid=promotion-status]")!.TextContent);
        Assert.Contains("₹50 off", detail.QuerySelector("[data-testid=settings]")!.TextContent);
        Assert.NotNull(detail.QuerySelector($"a[href='{saved.Location()}/codes']"));
        Assert.NotNull(detail.QuerySelector($"a[href='{saved.Location()}/report']"));
        var card = list.QuerySelector($"[data-testid=group-active] [data-promotion='{saved.Location()!.Split('/').Last()}']")!;
        Assert.Equal(code.ToUpperInvariant(), card.QuerySelector("[data-testid=promotion-code]")!.TextContent);
        Assert.Contains("0 of 1,000", card.QuerySelector("[data-testid=redemptions]")!.TextContent);
        Assert.Contains("₹0 of ₹5,000 used", card.QuerySelector("[data-testid=budget]")!.TextContent);
        var stored = await app.WithDbAsync(db => db.Promotions.AsNoTracking().SingleAsync(p => p.Name == name));
        Assert.Equal((5_000L, 500_000L, 1_000), (stored.Value, stored.Budget!.Value, stored.MaxRedemptions!.Value));
        Assert.Equal("Weekend sale", Assert.Single(await app.PromotionAuditAsync(stored.Id)).Reason);
    }

    [Fact]
    public async Task A_refused_form_shows_each_message_next_to_its_field_keeps_what_was_typed_and_saves_nothing()
    {
        var admin = await app.AdminBrowserAsync();
        var name = "Typo sale " + Guid.NewGuid().ToString("N")[..6];
        var before = await app.PromotionCountsAsync();

        var response = await admin.SubmitFormAsync("/admin/promotions/new", new Dictionary<string, string>
        {
            ["Input.Name"] = name, ["Input.Type"] = "percent_off", ["Input.Value"] = "150", ["Input.Code"] = "ok-code-1",
            ["Input.StartsAt"] = "2031-05-02T10:00", ["Input.EndsAt"] = "2031-05-01T10:00", ["Input.PerUserLimit"] = "two", ["Input.Reason"] = "",
        }, "#promotion-form");
        var page = await response.ReadHtmlAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("The value of a percent_off promotion is a whole percent from 1 to 100.", page.QuerySelector("#promo-value-error")!.TextContent);
        Assert.Equal("The end must be after the start.", page.QuerySelector("#promo-ends-error")!.TextContent);
        Assert.Equal("Enter the uses per person as a whole number.", page.QuerySelector("#promo-per-user-error")!.TextContent);
        Assert.Equal("Give a reason: it is kept in the audit log.", page.QuerySelector("#promo-reason-error")!.TextContent);
        Assert.Equal((name, "150", "ok-code-1", "2031-05-01T10:00"), (page.QuerySelector("#promo-name")!.GetAttribute("value"),
            page.QuerySelector("#promo-value")!.GetAttribute("value"), page.QuerySelector("#promo-code")!.GetAttribute("value"),
            page.QuerySelector("#promo-ends")!.GetAttribute("value")));
        Assert.Equal(before, await app.PromotionCountsAsync());
    }

    [Fact]
    public async Task Search_by_name_or_code_and_the_filters_narrow_the_cards_with_htmx_or_without()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var percent = await app.CreatePromotionViaApiAsync($$"""{"name":"Find {{tag}} percent"}""");
        var tokens = await app.CreatePromotionViaApiAsync($$"""{"name":"Find {{tag}} tokens","type":"bonus_tokens","value":20}""");
        var admin = await app.AdminBrowserAsync();
        static IEnumerable<string?> Cards(AngleSharp.Html.Dom.IHtmlDocument page) =>
            page.QuerySelectorAll("[data-testid=promotion-card]").Select(c => c.GetAttribute("data-promotion"));

        var byName = await admin.GetHtmlAsync($"/admin/promotions?q=find+{tag}");
        var byCode = await admin.GetHtmlAsync($"/admin/promotions?q={percent.Str("code").ToLowerInvariant()}");
        var byType = await admin.GetHtmlAsync($"/admin/promotions?q={tag}&type=bonus_tokens");
        var none = await admin.GetHtmlAsync($"/admin/promotions?q={tag}&status=paused");
        admin.DefaultRequestHeaders.Add("HX-Request", "true");
        admin.DefaultRequestHeaders.Add("HX-Target", "promotion-cards");
        var swapped = await admin.GetHtmlAsync($"/admin/promotions?q={tag}&type=percent_off");

        Assert.Equal([tokens.Id().ToString(), percent.Id().ToString()], Cards(byName));
        Assert.Equal([percent.Id().ToString()], Cards(byCode));
        Assert.Equal([tokens.Id().ToString()], Cards(byType));
        Assert.Empty(Cards(none));
        Assert.Equal("No promotion matches", none.QuerySelector("[data-testid=promotions-empty] h2")!.TextContent);
        Assert.Null(swapped.QuerySelector("main"));
        Assert.Equal([percent.Id().ToString()], Cards(swapped));
    }

    [Fact]
    public async Task Pausing_from_the_detail_page_asks_a_reason_confirms_and_moves_the_card_to_paused()
    {
        var promotion = await app.CreatePromotionViaApiAsync();
        var url = $"/admin/promotions/{promotion.Id()}";
        var admin = await app.AdminBrowserAsync();

        var review = await admin.SubmitFormAsync(url, new Dictionary<string, string>(), "[data-testid=action-pause]");
        var confirm = await review.ReadHtmlAsync();
        var pausedBeforeConfirm = await app.WithDbAsync(db => db.Promotions.Where(p => p.Id == promotion.Id()).Select(p => p.Paused).SingleAsync());
        var form = confirm.QuerySelector("[data-testid=admin-confirm] form")!;
        var fields = form.QuerySelectorAll("input[name]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        var noReason = await (await admin.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields))).ReadHtmlAsync();
        fields["Input.Reason"] = "Suspicious traffic";
        var done = await admin.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields));
        var detail = await admin.GetHtmlAsync(done.Location()!);
        var list = await admin.GetHtmlAsync("/admin/promotions");

        Assert.Contains("Pause this promotion?", confirm.QuerySelector("#confirm-title")!.TextContent);
        Assert.False(pausedBeforeConfirm);
        Assert.Equal(["Give a reason: it is kept in the audit log."], noReason.FormErrors());
        Assert.Equal(url, done.Location());
        Assert.Equal("Paused", detail.QuerySelector("[data-testid=promotion-status]")!.TextContent);
        Assert.NotNull(detail.QuerySelector("[data-testid=action-resume]"));
        Assert.NotNull(list.QuerySelector($"[data-testid=group-paused] [data-promotion='{promotion.Id()}']"));
        Assert.Null(list.QuerySelector($"[data-testid=group-active] [data-promotion='{promotion.Id()}']"));
        var audit = (await app.PromotionAuditAsync(promotion.Id())).Last();
        Assert.Equal((AuditActions.PromotionPause, "Suspicious traffic"), (audit.Action, audit.Reason));
    }

    [Fact]
    public async Task The_edit_form_opens_with_the_promotion_as_it_is_and_saves_a_change()
    {
        var promotion = await app.CreatePromotionViaApiAsync("""{"type":"amount_off","value":2550,"currency":"INR","packs":["inr_500"]}""");
        var url = $"/admin/promotions/{promotion.Id()}/edit";
        var admin = await app.AdminBrowserAsync();

        var form = await admin.GetHtmlAsync(url);
        var saved = await admin.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["Input.Type"] = "amount_off", ["Input.Currency"] = "INR", ["Input.Value"] = "30", ["Input.Reason"] = "Round number",
        }, "#promotion-form");

        Assert.Equal("25.5", form.QuerySelector("#promo-value")!.GetAttribute("value"));
        Assert.NotNull(form.QuerySelector("input[name='Input.Packs'][value=inr_500][checked]"));
        Assert.Null(form.QuerySelector("input[name='Input.AllPacks'][checked]"));
        Assert.Equal($"/admin/promotions/{promotion.Id()}", saved.Location());
        var change = (await app.PromotionAuditAsync(promotion.Id())).Last();
        Assert.Equal(("""{"value":2550}""", """{"value":3000}""", "Round number"), (change.Before, change.After, change.Reason));
    }
}

public sealed class PromotionPagesTests_Sqlite(SqliteApp app) : PromotionPagesTests(app), IClassFixture<SqliteApp>;

public sealed class PromotionPagesTests_Postgres(PostgresApp app) : PromotionPagesTests(app), IClassFixture<PostgresApp>;
