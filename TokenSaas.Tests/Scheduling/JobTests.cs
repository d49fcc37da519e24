using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using TokenSaas.Scheduling;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Scheduling;

public sealed class JobTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Theory]
    [InlineData(PeriodSweepJob.Name, "refreshed")]
    [InlineData(LedgerSweepJob.Name, "released")]
    public async Task A_job_fired_by_the_scheduler_records_what_it_did_and_admins_see_it(string job, string said)
    {
        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var before = await app.WithDbAsync(db => db.JobRuns.CountAsync(r => r.Job == job && r.FinishedAt != null));
        // A job runs once per period, and this period's run may have happened at start-up.
        app.Clock.Advance(JobPeriods.Of(job));

        await scheduler.TriggerJob(new JobKey(job));
        var run = await WaitForRunAsync(job, before);

        Assert.True(run.Succeeded, run.Summary);
        Assert.Contains(said, run.Summary);
        var admin = app.CreateBrowser();
        await admin.LogInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var rows = (await admin.GetHtmlAsync("/admin/jobs")).QuerySelectorAll("[data-testid=job-runs] tbody tr");
        Assert.Contains(rows, r => r.TextContent.Contains(job) && r.TextContent.Contains(run.Summary));
    }

    private async Task<JobRun> WaitForRunAsync(string job, int before)
    {
        for (var i = 0; i < 100; i++)
        {
            var finished = await app.WithDbAsync(db => db.JobRuns.Where(r => r.Job == job && r.FinishedAt != null)
                .OrderByDescending(r => r.Id).ToListAsync());
            if (finished.Count > before)
            {
                return finished[0];
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{job} did not finish within 10 seconds");
    }
}
