using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;
using TokenSaas.Payments;
using TokenSaas.Plans;

namespace TokenSaas.Content;

/// <summary>Everything the public /pricing page shows beside the plan forms, built from published content only.</summary>
public sealed record PricingContent(
    string? IntroHtml,
    IReadOnlyDictionary<string, string> PlanHtml,
    IReadOnlyList<PackOffer> Packs,
    ComparisonTable Comparison,
    IReadOnlyList<FaqGroup> Faq,
    IReadOnlyList<Testimonial> Testimonials)
{
    public string? PlanBlock(string plan) => PlanHtml.GetValueOrDefault(plan);
}

public sealed record FaqGroup(string Category, IReadOnlyList<FaqItem> Entries);

public sealed record FaqItem(long Id, string Question, string AnswerHtml)
{
    public string Anchor => $"faq-{Id}";
}

/// <summary>
/// Reads the pricing page's content: the live version of each block (never a draft), active FAQ
/// entries, approved testimonials and the comparison table, in a handful of queries.
/// </summary>
public sealed class ContentPage(AppDbContext db, PackCatalog packs, ComparisonTableBuilder comparison)
{
    public async Task<PricingContent> LoadAsync(IReadOnlyList<Plan> plans, CancellationToken cancellationToken = default)
    {
        // A block's live HTML is the version it points at; a draft has no version and so never shows.
        var live = await db.ContentBlocks.AsNoTracking()
            .Where(b => b.PublishedVersion != null)
            .Join(db.ContentVersions.AsNoTracking(), b => new { b.Key, Number = b.PublishedVersion!.Value },
                v => new { Key = v.BlockKey, v.Number }, (b, v) => new { b.Key, v.Html })
            .ToDictionaryAsync(x => x.Key, x => x.Html, cancellationToken);

        var faq = await db.FaqEntries.AsNoTracking().Where(f => f.Active)
            .OrderBy(f => f.SortOrder).ThenBy(f => f.Id).ToListAsync(cancellationToken);
        var testimonials = await db.Testimonials.AsNoTracking().Where(t => t.Approved)
            .OrderBy(t => t.SortOrder).ThenBy(t => t.Id).ToListAsync(cancellationToken);

        return new PricingContent(
            live.GetValueOrDefault(ContentBlock.IntroKey),
            plans.Where(p => live.ContainsKey(ContentBlock.PlanKey(p.Key))).ToDictionary(p => p.Key, p => live[ContentBlock.PlanKey(p.Key)]),
            await packs.OffersAsync(cancellationToken),
            await comparison.BuildAsync(plans, cancellationToken),
            Group(faq),
            testimonials);
    }

    // Categories appear in the order of their first entry, so reordering an entry can move its category.
    private static List<FaqGroup> Group(IEnumerable<FaqEntry> entries) =>
        entries.GroupBy(f => f.Category)
            .Select(g => new FaqGroup(g.Key, g.Select(f => new FaqItem(f.Id, f.Question, MarkdownRenderer.Render(f.AnswerMarkdown).Html)).ToList()))
            .ToList();
}
