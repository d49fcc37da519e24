using TokenSaas.Data;

namespace TokenSaas.Scheduling;

/// <summary>Runs a job's work and writes down what it did (job_runs), so admins can see the scheduler at work.</summary>
public sealed class JobRecorder(IServiceScopeFactory scopes, TimeProvider clock, ILogger<JobRecorder> logger)
{
    private static readonly string Instance = $"{Environment.MachineName}:{Environment.ProcessId}";

    public async Task RunAsync(string job, Func<CancellationToken, Task<string>> work, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var run = new JobRun(job, Instance, clock.GetUtcNow().UtcDateTime);
        db.JobRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        try
        {
            var summary = await work(cancellationToken);
            run.Finish(clock.GetUtcNow().UtcDateTime, true, summary);
            logger.LogInformation("Job {Job} finished: {Summary}", job, summary);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            run.Finish(clock.GetUtcNow().UtcDateTime, false, ex.Message);
            logger.LogError(ex, "Job {Job} failed", job);
        }

        await db.SaveChangesAsync(CancellationToken.None);
    }
}
