using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using TokenSaas.Scheduling;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Scheduling;

/// <summary>
/// Every instance's scheduler fires every job; on one PostgreSQL database each period's run is
/// claimed once, so the work happens once per period however many instances fire it.
/// </summary>
public sealed class JobsAcrossInstancesTests(PostgresApp first) : TwoInstances(first)
{
    [Fact]
    public async Task Two_instances_firing_a_job_in_the_same_period_do_its_work_once()
    {
        var at = MoveBothClocksToTheSameTime();
        var worked = 0;

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => (i % 2 == 0 ? (TestApp)First : Second).Services.GetRequiredService<JobRecorder>()
            .RunAsync(PlanNoticeJob.Name, _ => Task.FromResult($"worked {Interlocked.Increment(ref worked)}"), CancellationToken.None)));

        Assert.Equal(1, worked);
        var run = Assert.Single(await RunsAsync(PlanNoticeJob.Name, JobPeriods.At(PlanNoticeJob.Name, at)));
        Assert.Equal("worked 1", run.Summary);
    }

    [Fact]
    public async Task A_real_job_fired_on_both_instances_is_recorded_once_for_the_period()
    {
        var at = MoveBothClocksToTheSameTime();

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => FireAsync<PlanNoticeJob>(i % 2 == 0 ? (TestApp)First : Second)));

        var run = Assert.Single(await RunsAsync(PlanNoticeJob.Name, JobPeriods.At(PlanNoticeJob.Name, at)));
        Assert.Contains("subscriber(s)", run.Summary);
    }

    [Fact]
    public async Task The_next_period_runs_again_on_whichever_instance_fires_first()
    {
        var at = MoveBothClocksToTheSameTime();
        await FireAsync<LedgerSweepJob>(First);

        var next = at + JobPeriods.Of(LedgerSweepJob.Name);
        First.Clock.MoveTo(new DateTimeOffset(next));
        Second.Clock.MoveTo(new DateTimeOffset(next));
        await Task.WhenAll(FireAsync<LedgerSweepJob>(Second), FireAsync<LedgerSweepJob>(First));

        Assert.Single(await RunsAsync(LedgerSweepJob.Name, JobPeriods.At(LedgerSweepJob.Name, at)));
        Assert.Single(await RunsAsync(LedgerSweepJob.Name, JobPeriods.At(LedgerSweepJob.Name, next)));
    }

    // Both clocks to one instant, an hour past either, clear of the periods the schedulers claimed at start-up.
    private DateTime MoveBothClocksToTheSameTime()
    {
        var later = new[] { First.Clock.GetUtcNow(), Second.Clock.GetUtcNow() }.Max().AddHours(1);
        var at = new DateTimeOffset(later.Year, later.Month, later.Day, later.Hour, 20, 10, TimeSpan.Zero);
        First.Clock.MoveTo(at);
        Second.Clock.MoveTo(at);
        return at.UtcDateTime;
    }

    // What the instance's scheduler does when the job's trigger fires.
    private static Task FireAsync<TJob>(TestApp app) where TJob : IJob =>
        ActivatorUtilities.CreateInstance<TJob>(app.Services).Execute(null!, CancellationToken.None).AsTask();

    private Task<List<JobRun>> RunsAsync(string job, string period) =>
        First.WithDbAsync(db => db.JobRuns.AsNoTracking().Where(r => r.Job == job && r.Period == period).ToListAsync());
}
