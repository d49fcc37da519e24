using System.Globalization;

namespace TokenSaas.Scheduling;

/// <summary>
/// How often each scheduled job runs. Every instance fires every job, and a run first claims its
/// period (see <see cref="JobRecorder"/>), so across instances a job runs once per period.
/// </summary>
public static class JobPeriods
{
    private static readonly Dictionary<string, TimeSpan> Lengths = new()
    {
        // The midnight sweep and the quarter-hourly catch-up share one period: the same work.
        [PeriodSweepJob.Name] = TimeSpan.FromMinutes(15),
        [ReconciliationJob.Name] = TimeSpan.FromMinutes(5),
        [PlanNoticeJob.Name] = TimeSpan.FromHours(1),
        [LedgerSweepJob.Name] = TimeSpan.FromSeconds(30),
        [ContentPublishJob.Name] = TimeSpan.FromMinutes(1),
        [UsageRollupJob.Name] = TimeSpan.FromMinutes(10),
        [AlertCheckJob.Name] = TimeSpan.FromMinutes(1),
    };

    public static TimeSpan Of(string job) => Lengths[job];

    /// <summary>The period <paramref name="utc"/> falls in, named by its start ("2026-11-22T00:15:00Z").</summary>
    public static string At(string job, DateTime utc)
    {
        var length = Of(job).Ticks;
        var start = new DateTime(utc.Ticks - utc.Ticks % length, DateTimeKind.Utc);
        return start.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }
}
