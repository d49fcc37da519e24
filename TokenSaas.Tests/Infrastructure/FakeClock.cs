namespace TokenSaas.Tests.Infrastructure;

/// <summary>A clock tests can move. Timers still tick in real time; only "now" is faked.</summary>
public sealed class FakeClock(DateTimeOffset start) : TimeProvider
{
    private long ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
}
