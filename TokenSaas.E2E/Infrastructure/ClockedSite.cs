using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace TokenSaas.E2E.Infrastructure;

/// <summary>A clock a journey can move. Only "now" is faked; the browser's own timers run as usual.</summary>
public sealed class MovableClock(DateTimeOffset start) : TimeProvider
{
    private long ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
}

/// <summary>
/// A site of its own whose clock journeys move (renewals after a migration date). Its scheduler is
/// off, as in the integration tests: a jump of days would fire every trigger at once.
/// </summary>
public sealed class ClockedSite : Site
{
    public ClockedSite()
        : this(new MovableClock(DateTimeOffset.UtcNow))
    {
    }

    private ClockedSite(MovableClock clock)
        : base(builder =>
        {
            builder.UseSetting("Scheduling:Enabled", "false");
            builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(clock));
        }) => Clock = clock;

    public MovableClock Clock { get; }
}
