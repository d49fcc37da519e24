using Quartz;
using TokenSaas.Ledger;

namespace TokenSaas.Scheduling;

/// <summary>
/// The hosted scheduler (Quartz, in memory). Every instance fires the same jobs; each run first
/// claims its period in the database (<see cref="JobRecorder"/>), so one instance does the work
/// per period and the others skip. The work is idempotent besides, so a run that overlaps a lazy
/// reset or a run of the next period finds nothing left to do.
/// </summary>
public static class SchedulingSetup
{
    public static IServiceCollection AddScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<JobRecorder>();
        services.AddSingleton<PeriodSweeps>();
        // Off only where something else drives time (tests that move a fake clock: Quartz reads the
        // same TimeProvider, and a jump of a day would fire every trigger at once).
        if (!configuration.GetValue("Scheduling:Enabled", true))
        {
            return services;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(
            configuration.GetSection(TokensOptions.Section).Get<TokensOptions>()?.TimeZone ?? "UTC");
        services.AddQuartz(q =>
        {
            q.AddJob<PeriodSweepJob>(j => j.WithIdentity(PeriodSweepJob.Name));
            q.AddTrigger(t => t.ForJob(PeriodSweepJob.Name).WithIdentity("at-midnight")
                .WithCronSchedule(CronScheduleBuilder.Create("0 0 0 * * ?").InTimeZone(zone)));
            // Catches plan ends during the day and any midnight run an instance missed.
            q.AddTrigger(t => t.ForJob(PeriodSweepJob.Name).WithIdentity("catch-up")
                .WithCronSchedule(CronScheduleBuilder.Create("0 */15 * * * ?").InTimeZone(zone)));
            q.AddJob<ReconciliationJob>(j => j.WithIdentity(ReconciliationJob.Name));
            q.AddTrigger(t => t.ForJob(ReconciliationJob.Name).WithIdentity("every-5-minutes")
                .WithSimpleSchedule(JobPeriods.Of(ReconciliationJob.Name), null));
            q.AddJob<PlanNoticeJob>(j => j.WithIdentity(PlanNoticeJob.Name));
            q.AddTrigger(t => t.ForJob(PlanNoticeJob.Name).WithIdentity("hourly")
                .WithSimpleSchedule(JobPeriods.Of(PlanNoticeJob.Name), null));
            q.AddJob<LedgerSweepJob>(j => j.WithIdentity(LedgerSweepJob.Name));
            q.AddTrigger(t => t.ForJob(LedgerSweepJob.Name).WithIdentity("every-30-seconds")
                .WithSimpleSchedule(JobPeriods.Of(LedgerSweepJob.Name), null));
            q.AddJob<ContentPublishJob>(j => j.WithIdentity(ContentPublishJob.Name));
            q.AddTrigger(t => t.ForJob(ContentPublishJob.Name).WithIdentity("every-minute")
                .WithSimpleSchedule(JobPeriods.Of(ContentPublishJob.Name), null));
            // The first run (at start-up) catches up every closed day not rolled yet.
            q.AddJob<UsageRollupJob>(j => j.WithIdentity(UsageRollupJob.Name));
            q.AddTrigger(t => t.ForJob(UsageRollupJob.Name).WithIdentity("every-10-minutes")
                .WithSimpleSchedule(JobPeriods.Of(UsageRollupJob.Name), null));
            q.AddJob<AlertCheckJob>(j => j.WithIdentity(AlertCheckJob.Name));
            q.AddTrigger(t => t.ForJob(AlertCheckJob.Name).WithIdentity("alerts-every-minute")
                .WithSimpleSchedule(JobPeriods.Of(AlertCheckJob.Name), null));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }
}
