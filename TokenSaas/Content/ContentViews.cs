namespace TokenSaas.Content;

/// <summary>An editable block as the editor lists it: "intro" or a plan on sale.</summary>
public sealed record ContentTarget(string PlanId, string Key, string Title);

public sealed record DraftView(string Markdown, DateTime UpdatedAt, string? UpdatedBy);

public sealed record PublishedView(string Markdown, string Html, int Version, DateTime PublishedAt);

public sealed record ScheduledView(int Version, DateTime PublishAt);

/// <summary>A block's state: its draft, the live version and the next scheduled one, each null when there is none.</summary>
public sealed record BlockView(ContentTarget Target, DraftView? Draft, PublishedView? Published, ScheduledView? Scheduled, string? Newest = null)
{
    /// <summary>The text an editor opens with: the draft, else the newest version (scheduled or live); null for a block never written.</summary>
    public string? Working => Draft?.Markdown ?? Newest ?? Published?.Markdown;
}

public enum VersionStatus
{
    Live,
    Scheduled,
    Cancelled,
    Superseded,
}

public sealed record VersionView(int Number, string AuthorEmail, DateTime CreatedAt, DateTime PublishAt, DateTime? PublishedAt, string? Note,
    VersionStatus Status);

/// <summary>What a publish did: the version it made and when it went (or goes) live.</summary>
public sealed record PublishResult(int Version, DateTime PublishAt, bool Scheduled);

public sealed record VersionDiff(int Number, int? Previous, IReadOnlyList<DiffLine> Lines);
