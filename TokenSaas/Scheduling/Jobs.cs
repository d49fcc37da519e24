using Quartz;
using TokenSaas.Ledger;

namespace TokenSaas.Scheduling;

/// <summary>Daily allowance, monthly quota and plan ends for every account that is due.</summary>
[DisallowConcurrentExecution]
public sealed class PeriodSweepJob(PeriodSweeps sweeps, JobRecorder recorder) : IJob
{
    public const string Name = "period-sweep";

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        new(recorder.RunAsync(Name, async ct =>
        {
            var result = await sweeps.SweepAsync(ct);
            return $"{result.Period}: refreshed {result.Reset} of {result.Checked} due account(s)";
        }, cancellationToken));
}

/// <summary>Holds past their timeout are released; grants past their expiry are expired.</summary>
[DisallowConcurrentExecution]
public sealed class LedgerSweepJob(LedgerSweeper sweeper, JobRecorder recorder) : IJob
{
    public const string Name = "ledger-sweep";

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        new(recorder.RunAsync(Name, async ct =>
        {
            var (holds, grants) = await sweeper.SweepAsync(ct);
            return $"released {holds} expired hold(s), expired {grants} grant(s)";
        }, cancellationToken));
}

/// <summary>Payments stuck in pending are asked about at their gateway and settled; promotion uses a stopped process left reserved are settled too.</summary>
[DisallowConcurrentExecution]
public sealed class ReconciliationJob(IServiceScopeFactory scopes, JobRecorder recorder) : IJob
{
    public const string Name = "payment-reconciliation";

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        new(recorder.RunAsync(Name, async ct =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var (checkedCount, settled) = await scope.ServiceProvider.GetRequiredService<Payments.Reconciliation>().RunAsync(ct);
            var uses = await scope.ServiceProvider.GetRequiredService<Promotions.Redemptions>().SweepAsync(TimeSpan.FromMinutes(10), ct)
                       + await scope.ServiceProvider.GetRequiredService<Promotions.FreeTokenRedeemer>().SweepAsync(TimeSpan.FromMinutes(5), ct);
            return $"settled {settled} of {checkedCount} pending payment(s) and {uses} promotion use(s)";
        }, cancellationToken));
}

/// <summary>Subscribers of a plan version that will move them at a date are told ahead of it.</summary>
[DisallowConcurrentExecution]
public sealed class PlanNoticeJob(IServiceScopeFactory scopes, JobRecorder recorder) : IJob
{
    public const string Name = "plan-notices";

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        new(recorder.RunAsync(Name, async ct =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var told = await scope.ServiceProvider.GetRequiredService<Plans.PlanNotices>().SendDueAsync(ct);
            return $"told {told} subscriber(s) about a coming plan change";
        }, cancellationToken));
}

/// <summary>Pricing content scheduled for a time that has come goes live.</summary>
[DisallowConcurrentExecution]
public sealed class ContentPublishJob(IServiceScopeFactory scopes, JobRecorder recorder, TimeProvider clock) : IJob
{
    public const string Name = "content-publish";

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        new(recorder.RunAsync(Name, async ct =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var made = await scope.ServiceProvider.GetRequiredService<Content.ContentPublisher>().PublishDueAsync(clock.GetUtcNow().UtcDateTime, ct);
            return $"made {made} scheduled content version(s) live";
        }, cancellationToken));
}

/// <summary>Rolls up the ledger of each closed day not rolled yet (analytics read the rollup for those days); catches up at start-up.</summary>
[DisallowConcurrentExecution]
public sealed class UsageRollupJob(IServiceScopeFactory scopes, JobRecorder recorder) : IJob
{
    public const string Name = "usage-rollup";

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        new(recorder.RunAsync(Name, async ct =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var rolled = await scope.ServiceProvider.GetRequiredService<Analytics.UsageRollups>().RollDueAsync(ct);
            return $"rolled up {rolled} closed day(s)";
        }, cancellationToken));
}

/// <summary>Unusual spending (users who spent in the last minutes, and open episodes so they can end) and failed-payment spikes.</summary>
[DisallowConcurrentExecution]
public sealed class AlertCheckJob(IServiceScopeFactory scopes, JobRecorder recorder) : IJob
{
    public const string Name = "alert-check";

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        new(recorder.RunAsync(Name, async ct =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var (users, opened) = await scope.ServiceProvider.GetRequiredService<Analytics.AlertChecker>().CheckRecentAsync(ct);
            return $"checked {users} user(s) and failed payments; opened {opened} alert(s)";
        }, cancellationToken));
}
