namespace TokenSaas.Content;

/// <summary>
/// One editable piece of the pricing page: the intro (<see cref="IntroKey"/>) or a plan's block
/// (<see cref="PlanKey"/>). It holds the working draft; what visitors see is the published
/// <see cref="ContentVersion"/> it points at, so a draft never reaches the public page.
/// </summary>
public sealed class ContentBlock
{
    public const string IntroKey = "intro";
    public const int MaxKeyLength = 60;
    public const int MaxMarkdownLength = 100_000;

    public static string PlanKey(string plan) => $"plan:{plan}";

    public string Key { get; set; } = string.Empty;

    /// <summary>The working draft; null when there is none (nothing edited since the last publish).</summary>
    public string? Draft { get; set; }

    public DateTime? DraftUpdatedAt { get; set; }

    public string? DraftUpdatedBy { get; set; }

    /// <summary>The version visitors see; null until the first publish.</summary>
    public int? PublishedVersion { get; set; }

    public DateTime? PublishedAt { get; set; }
}

/// <summary>
/// A published (or scheduled) snapshot of a block. Its text never changes once written; a
/// scheduled one gets <see cref="PublishedAt"/> when the scheduler makes it live. Restoring an
/// old version copies its text into a new draft, so history is never rewritten.
/// </summary>
public sealed class ContentVersion
{
    public string BlockKey { get; set; } = string.Empty;

    public int Number { get; set; }

    public string Markdown { get; set; } = string.Empty;

    /// <summary>The sanitized HTML, rendered once when the version is made.</summary>
    public string Html { get; set; } = string.Empty;

    public string? Note { get; set; }

    public string AuthorId { get; set; } = string.Empty;

    public string AuthorEmail { get; set; } = string.Empty;

    public DateTime CreatedAt { get; set; }

    /// <summary>When it goes (or went) live: now for a publish, a future time for a scheduled one.</summary>
    public DateTime PublishAt { get; set; }

    /// <summary>When it went live; null while scheduled (or if a later publish overtook it before its time).</summary>
    public DateTime? PublishedAt { get; set; }

    /// <summary>Set when a later publish made this scheduled version moot before its time.</summary>
    public bool Cancelled { get; set; }
}

/// <summary>A question on the pricing page's FAQ, grouped by category, in order.</summary>
public sealed class FaqEntry
{
    public long Id { get; set; }

    public string Category { get; set; } = string.Empty;

    public string Question { get; set; } = string.Empty;

    public string AnswerMarkdown { get; set; } = string.Empty;

    public int SortOrder { get; set; }

    public bool Active { get; set; } = true;

    public DateTime UpdatedAt { get; set; }
}

/// <summary>A customer's words for the pricing page; shown only once an admin approved it.</summary>
public sealed class Testimonial
{
    public long Id { get; set; }

    public string Quote { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string? Role { get; set; }

    public bool Approved { get; set; }

    public int SortOrder { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// A hand-written row of the comparison table (the rows from plan data are generated). Its cells
/// map a plan key to "yes" (✓), "no" (✗) or a short text; a plan with no cell shows ✗.
/// </summary>
public sealed class ComparisonRow
{
    public long Id { get; set; }

    public string Label { get; set; } = string.Empty;

    public Dictionary<string, string> Cells { get; set; } = [];

    public int SortOrder { get; set; }

    public DateTime UpdatedAt { get; set; }
}
