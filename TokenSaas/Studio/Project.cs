namespace TokenSaas.Studio;

/// <summary>What a studio action made for a user, kept so they can open and download it later.</summary>
public sealed class Project
{
    private Project()
    {
        UserId = Feature = Title = Input = Output = Format = RunKey = string.Empty;
    }

    public Project(string userId, string feature, string runKey, string input, StudioOutput output, long? holdId, DateTime now)
    {
        UserId = userId;
        Feature = feature;
        RunKey = runKey;
        Input = input;
        Title = output.Title.Length > 120 ? output.Title[..120] : output.Title;
        Output = output.Content;
        Format = output.Format;
        HoldId = holdId;
        CreatedAt = now;
    }

    public long Id { get; private set; }

    public string UserId { get; private set; }

    public string Feature { get; private set; }

    /// <summary>The run's idempotency key: a second click of the same confirm finds this project.</summary>
    public string RunKey { get; private set; }

    public string Title { get; private set; }

    public string Input { get; private set; }

    /// <summary>HTML for "site" projects (sanitized), text for the rest.</summary>
    public string Output { get; private set; }

    /// <summary>"site" or "text".</summary>
    public string Format { get; private set; }

    public long? HoldId { get; private set; }

    public DateTime CreatedAt { get; private set; }
}

/// <summary>What an action produced: a title, and a site (HTML) or a text report.</summary>
public sealed record StudioOutput(string Title, string Content, string Format = StudioOutput.Text)
{
    public const string Text = "text";
    public const string Site = "site";
}

/// <summary>The action could not produce anything from this input; the reserved tokens go back.</summary>
public sealed class StudioActionException(string message) : Exception(message);

/// <summary>
/// One feature's work. Deterministic here (no AI service is reachable); a real AI backend can
/// implement the same interface for the same feature keys.
/// </summary>
public interface IStudioAction
{
    IReadOnlySet<string> Features { get; }

    Task<StudioOutput> RunAsync(string feature, string input, CancellationToken cancellationToken);
}
