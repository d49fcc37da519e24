using Microsoft.EntityFrameworkCore;
using TokenSaas.Content;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Content;

/// <summary>SPEC 10.5: /pricing shows the live catalogue plus published content only, rendered inert.</summary>
public abstract class PricingPageTests(TestApp app)
{
    [Fact]
    public async Task The_published_intro_and_plan_block_show_on_the_page()
    {
        var intro = $"Intro {Guid.NewGuid():N}";
        var block = $"Standard extras {Guid.NewGuid():N}";
        await app.PublishAsync(ContentBlock.IntroKey, $"# Welcome\n\n{intro} with **bold**.");
        await app.PublishAsync(ContentBlock.PlanKey("standard"), $"- {block}");

        var page = await app.CreateBrowser().GetHtmlAsync("/pricing");

        Assert.Contains(intro, page.QuerySelector("[data-testid=pricing-intro]")!.TextContent);
        Assert.NotNull(page.QuerySelector("[data-testid=pricing-intro] strong"));
        Assert.Contains(block, page.QuerySelector("[data-testid=plan-standard] [data-testid=plan-block-standard] li")!.TextContent);
    }

    [Fact]
    public async Task Packs_are_listed_one_row_per_currency_and_paid_plans_offer_to_choose_them_not_start_free()
    {
        var page = await app.CreateBrowser().GetHtmlAsync("/pricing");

        var rupees = page.QuerySelector("[data-testid=packs-inr]")!.TextContent;
        var dollars = page.QuerySelector("[data-testid=packs-usd]")!.TextContent;
        Assert.Contains("₹", rupees);
        Assert.DoesNotContain("$", rupees);
        Assert.Contains("$", dollars);
        Assert.DoesNotContain("₹", dollars);
        Assert.Equal("Start free", page.QuerySelector("[data-testid=choose-basic]")!.TextContent.Trim());
        var standard = page.QuerySelector("[data-testid=choose-standard]")!;
        Assert.Equal("Choose Standard", standard.TextContent.Trim());
        Assert.Equal("/account/register?returnUrl=%2Fpricing%23plan-standard", standard.GetAttribute("href"));
    }

    [Fact]
    public async Task A_draft_never_reaches_the_page()
    {
        var draft = $"Secret draft {Guid.NewGuid():N}";
        await app.WithDbAsync(async db =>
        {
            db.ContentBlocks.Add(new ContentBlock { Key = ContentBlock.PlanKey("premium"), Draft = draft, DraftUpdatedAt = DateTime.UtcNow, DraftUpdatedBy = "a@b.c" });
            var intro = await db.ContentBlocks.FindAsync(ContentBlock.IntroKey);
            if (intro is null)
            {
                db.ContentBlocks.Add(new ContentBlock { Key = ContentBlock.IntroKey, Draft = draft });
            }
            else
            {
                intro.Draft = draft;
            }

            return await db.SaveChangesAsync();
        });

        var page = await app.CreateBrowser().GetHtmlAsync("/pricing");

        Assert.DoesNotContain(draft, page.Source.Text);
        Assert.Null(page.QuerySelector("[data-testid=plan-block-premium]"));
        Assert.NotNull(page.QuerySelector("[data-testid=pricing-intro]"));
    }

    [Fact]
    public async Task A_stored_version_with_an_attack_renders_inert()
    {
        await app.PublishAsync(ContentBlock.PlanKey("basic"),
            "<script>alert(1)</script>\n\n[click](javascript:alert(1)) <img src=x onerror=alert(1)> ![p](data:image/png;base64,AA) <svg onload=alert(1)>");

        var page = await app.CreateBrowser().GetHtmlAsync("/pricing");
        var block = page.QuerySelector("[data-testid=plan-block-basic]")!;

        Assert.Empty(block.QuerySelectorAll("script, svg, img, iframe"));
        Assert.All(block.QuerySelectorAll("*"), e => Assert.DoesNotContain(e.Attributes, a => a.Name.StartsWith("on", StringComparison.Ordinal)));
        Assert.All(block.QuerySelectorAll("a"), a => Assert.Null(a.GetAttribute("href")));
    }

    [Fact]
    public async Task Faq_entries_are_grouped_by_category_in_order_and_linkable()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var ids = await app.WithDbAsync(async db =>
        {
            var entries = new[]
            {
                new FaqEntry { Category = $"Billing {tag}", Question = $"Second {tag}?", AnswerMarkdown = "Two", SortOrder = 2, UpdatedAt = DateTime.UtcNow },
                new FaqEntry { Category = $"Billing {tag}", Question = $"First {tag}?", AnswerMarkdown = "**One**", SortOrder = 1, UpdatedAt = DateTime.UtcNow },
                new FaqEntry { Category = $"Billing {tag}", Question = $"Hidden {tag}?", AnswerMarkdown = "No", SortOrder = 0, Active = false, UpdatedAt = DateTime.UtcNow },
            };
            db.FaqEntries.AddRange(entries);
            await db.SaveChangesAsync();
            return entries.Select(e => e.Id).ToArray();
        });

        var page = await app.CreateBrowser().GetHtmlAsync("/pricing");
        var faq = page.QuerySelector("[data-testid=faq]")!;

        Assert.Contains(faq.QuerySelectorAll("h3"), h => h.TextContent == $"Billing {tag}");
        var questions = faq.QuerySelectorAll("details summary").Select(s => s.TextContent).Where(t => t.Contains(tag)).ToList();
        Assert.Equal([$"First {tag}?", $"Second {tag}?"], questions);
        var first = faq.QuerySelector($"details#faq-{ids[1]}")!;
        Assert.NotNull(first.QuerySelector(".prose strong"));
        Assert.Null(faq.QuerySelector($"#faq-{ids[2]}"));
    }

    [Fact]
    public async Task Only_approved_testimonials_appear()
    {
        var approved = $"Loved it {Guid.NewGuid():N}";
        var pending = $"Not yet {Guid.NewGuid():N}";
        await app.WithDbAsync(async db =>
        {
            db.Testimonials.Add(new Testimonial { Quote = approved, Name = "Asha", Role = "Designer", Approved = true, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
            db.Testimonials.Add(new Testimonial { Quote = pending, Name = "Ravi", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });

        var page = await app.CreateBrowser().GetHtmlAsync("/pricing");

        Assert.Contains(approved, page.QuerySelector("[data-testid=testimonials]")!.TextContent);
        Assert.DoesNotContain(pending, page.Source.Text);
    }

    [Fact]
    public async Task The_comparison_table_has_generated_and_manual_rows_with_ticks_and_crosses()
    {
        var label = $"Priority support {Guid.NewGuid():N}"[..40];
        await app.WithDbAsync(async db =>
        {
            db.ComparisonRows.Add(new ComparisonRow { Label = label, Cells = new() { ["premium"] = "yes", ["standard"] = "Email only" }, UpdatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });

        var page = await app.CreateBrowser().GetHtmlAsync("/pricing");
        var table = page.QuerySelector("[data-testid=comparison] table")!;
        var columns = table.QuerySelectorAll("thead th").Skip(1).Select(th => th.TextContent).ToList();
        var row = Row(table, label);

        Assert.Equal(["Basic", "Standard", "Premium"], columns);
        Assert.Contains("10,000", string.Join("|", Row(table, "Tokens a month")));
        Assert.Equal(["Not included", "Email only", "Included"], row);
        Assert.Equal(2, table.QuerySelectorAll("tbody tr").Single(tr => tr.QuerySelector("th")!.TextContent == label).QuerySelectorAll("svg[aria-hidden=true]").Length);
    }

    private static List<string> Row(AngleSharp.Dom.IElement table, string label) =>
        table.QuerySelectorAll("tbody tr").Single(tr => tr.QuerySelector("th")!.TextContent == label)
            .QuerySelectorAll("td").Select(td => string.Join(' ', td.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).ToList();
}

public sealed class PricingPageTests_Sqlite(SqliteApp app) : PricingPageTests(app), IClassFixture<SqliteApp>;

public sealed class PricingPageTests_Postgres(PostgresApp app) : PricingPageTests(app), IClassFixture<PostgresApp>;

/// <summary>Publishes content the way the block editor leaves it: a rendered version the block points at.</summary>
internal static class PublishedContent
{
    public static Task PublishAsync(this TestApp app, string key, string markdown) =>
        app.WithDbAsync(async db =>
        {
            var block = await db.ContentBlocks.FindAsync(key);
            if (block is null)
            {
                block = new ContentBlock { Key = key };
                db.ContentBlocks.Add(block);
            }

            var number = (await db.ContentVersions.Where(v => v.BlockKey == key).MaxAsync(v => (int?)v.Number) ?? 0) + 1;
            var now = DateTime.UtcNow;
            db.ContentVersions.Add(new ContentVersion
            {
                BlockKey = key, Number = number, Markdown = markdown, Html = MarkdownRenderer.Render(markdown).Html,
                AuthorId = "test-admin-id", AuthorEmail = TestApp.AdminEmail, CreatedAt = now, PublishAt = now, PublishedAt = now,
            });
            block.PublishedVersion = number;
            block.PublishedAt = now;
            return await db.SaveChangesAsync();
        });
}
