using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;

namespace TokenSaas.Scheduling;

/// <summary>
/// Runs a job's work once per period across instances and writes down what it did (job_runs), so
/// admins can see the scheduler at work. The run's row is its claim: it is inserted only if no run
/// of the job holds the period yet (a unique key, so two instances racing cannot both win); the
/// instance that loses skips quietly.
/// </summary>
public sealed class JobRecorder(IServiceScopeFactory scopes, TimeProvider clock, ILogger<JobRecorder> logger)
{
    private static readonly string Instance = LeasedJobWorker.NewInstanceName();

    public async Task RunAsync(string job, Func<CancellationToken, Task<string>> work, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var period = JobPeriods.At(job, now);
        var claimed = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO job_runs (job, instance, started_at, succeeded, summary, period)
            VALUES ({job}, {Instance}, {now}, {false}, {"running"}, {period})
            ON CONFLICT (job, period) DO NOTHING
            """, cancellationToken);
        if (claimed == 0)
        {
            logger.LogDebug("Job {Job} skipped: another run already has the period {Period}", job, period);
            return;
        }

        var run = await db.JobRuns.SingleAsync(r => r.Job == job && r.Period == period, cancellationToken);
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
