namespace TokenSaas.Scheduling;

/// <summary>One run of a scheduled job: what it did, on which instance, and whether it finished.</summary>
public sealed class JobRun
{
    private JobRun()
    {
        Job = Instance = Summary = string.Empty;
    }

    public JobRun(string job, string instance, DateTime startedAt, string? period = null)
    {
        Job = job;
        Instance = instance;
        StartedAt = startedAt;
        Period = period;
        Summary = "running";
    }

    public long Id { get; private set; }

    public string Job { get; private set; }

    public string Instance { get; private set; }

    public DateTime StartedAt { get; private set; }

    public DateTime? FinishedAt { get; private set; }

    public bool Succeeded { get; private set; }

    public string Summary { get; private set; }

    /// <summary>The period this run claimed (see <see cref="JobPeriods"/>); none on runs recorded before periods were claimed.</summary>
    public string? Period { get; private set; }

    public void Finish(DateTime at, bool succeeded, string summary)
    {
        FinishedAt = at;
        Succeeded = succeeded;
        Summary = summary.Length > 500 ? summary[..500] : summary;
    }
}
