using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;
using TokenSaas.Plans;

namespace TokenSaas.Content;

/// <summary>What the editor reads: the editable blocks (intro and each plan on sale), their state, versions and diffs.</summary>
public sealed class ContentHistory(AppDbContext db, PlanCatalog plans)
{
    public async Task<IReadOnlyList<ContentTarget>> TargetsAsync(CancellationToken cancellationToken = default) =>
        [Intro, .. (await plans.ActiveAsync(cancellationToken)).Select(p => new ContentTarget(p.Key, ContentBlock.PlanKey(p.Key), p.Name))];

    /// <summary>"intro", or a plan on sale by its key (or its block key "plan:…"); null for anything else.</summary>
    public async Task<ContentTarget?> TargetAsync(string? planId, CancellationToken cancellationToken = default)
    {
        var id = planId?.Trim() ?? string.Empty;
        if (id == ContentBlock.IntroKey)
        {
            return Intro;
        }

        var planKey = id.StartsWith("plan:", StringComparison.Ordinal) ? id["plan:".Length..] : id;
        var plan = planKey.Length == 0 ? null : await db.Plans.AsNoTracking().Where(p => p.Key == planKey && p.Active)
            .Select(p => new { p.Key, p.Name }).SingleOrDefaultAsync(cancellationToken);
        return plan is null ? null : new ContentTarget(plan.Key, ContentBlock.PlanKey(plan.Key), plan.Name);
    }

    public async Task<BlockView> BlockAsync(ContentTarget target, CancellationToken cancellationToken = default)
    {
        var block = await db.ContentBlocks.AsNoTracking().SingleOrDefaultAsync(b => b.Key == target.Key, cancellationToken);
        var live = block?.PublishedVersion is { } number
            ? await db.ContentVersions.AsNoTracking().SingleOrDefaultAsync(v => v.BlockKey == target.Key && v.Number == number, cancellationToken)
            : null;
        var next = await db.ContentVersions.AsNoTracking()
            .Where(v => v.BlockKey == target.Key && v.PublishedAt == null && !v.Cancelled)
            .OrderBy(v => v.PublishAt).ThenBy(v => v.Number).FirstOrDefaultAsync(cancellationToken);
        // The newest text written: a version scheduled after the live one is where the next edit starts.
        var newest = await db.ContentVersions.AsNoTracking().Where(v => v.BlockKey == target.Key && !v.Cancelled)
            .OrderByDescending(v => v.Number).Select(v => v.Markdown).FirstOrDefaultAsync(cancellationToken);
        return new BlockView(target,
            block is { Draft: { } draft, DraftUpdatedAt: { } at } ? new DraftView(draft, at, block.DraftUpdatedBy) : null,
            live is null ? null : new PublishedView(live.Markdown, live.Html, live.Number, live.PublishedAt ?? block!.PublishedAt ?? live.PublishAt),
            next is null ? null : new ScheduledView(next.Number, next.PublishAt), newest);
    }

    /// <summary>Every version of a block, newest first.</summary>
    public async Task<IReadOnlyList<VersionView>> VersionsAsync(string key, CancellationToken cancellationToken = default)
    {
        var live = await db.ContentBlocks.AsNoTracking().Where(b => b.Key == key).Select(b => b.PublishedVersion).SingleOrDefaultAsync(cancellationToken);
        var versions = await db.ContentVersions.AsNoTracking().Where(v => v.BlockKey == key).OrderByDescending(v => v.Number)
            .Select(v => new { v.Number, v.AuthorEmail, v.CreatedAt, v.PublishAt, v.PublishedAt, v.Note, v.Cancelled })
            .ToListAsync(cancellationToken);
        return versions.Select(v => new VersionView(v.Number, v.AuthorEmail, v.CreatedAt, v.PublishAt, v.PublishedAt, v.Note,
            v.Number == live ? VersionStatus.Live
            : v.Cancelled ? VersionStatus.Cancelled
            : v.PublishedAt is null ? VersionStatus.Scheduled
            : VersionStatus.Superseded)).ToList();
    }

    /// <summary>Version <paramref name="number"/> against the one before it (against nothing for the first); null when there is no such version.</summary>
    public async Task<VersionDiff?> DiffAsync(string key, int number, CancellationToken cancellationToken = default)
    {
        var pair = await db.ContentVersions.AsNoTracking().Where(v => v.BlockKey == key && v.Number <= number)
            .OrderByDescending(v => v.Number).Take(2).Select(v => new { v.Number, v.Markdown }).ToListAsync(cancellationToken);
        if (pair.Count == 0 || pair[0].Number != number)
        {
            return null;
        }

        var previous = pair.Count > 1 ? pair[1] : null;
        return new VersionDiff(number, previous?.Number, LineDiff.Compare(previous?.Markdown, pair[0].Markdown));
    }

    private static readonly ContentTarget Intro = new(ContentBlock.IntroKey, ContentBlock.IntroKey, "Intro");
}
