namespace TokenSaas.Tests.Infrastructure;

/// <summary>A clock tests can move. Timers still tick in real time; only "now" is faked.</summary>
public sealed class FakeClock(DateTimeOffset start) : TimeProvider
{
    private long ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);

    /// <summary>Moves the clock forward to <paramref name="utc"/>; time never runs backwards for an app.</summary>
    public void MoveTo(DateTimeOffset utc)
    {
        if (utc < GetUtcNow())
        {
            throw new InvalidOperationException($"The clock is at {GetUtcNow():O}; it cannot go back to {utc:O}.");
        }

        Interlocked.Exchange(ref ticks, utc.UtcTicks);
    }
}
