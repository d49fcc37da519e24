namespace TokenSaas.Tests.Infrastructure;

/// <summary>
/// Tests with a second app instance on the first one's PostgreSQL database, each with its own
/// writers: the guarantees under test must come from the database, not from being the only writer.
/// </summary>
public abstract class TwoInstances(PostgresApp first) : IClassFixture<PostgresApp>, IAsyncLifetime
{
    protected PostgresApp First => first;

    protected SecondInstance Second { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Second = new SecondInstance(first.Database);
        return Second.InitializeAsync();
    }

    // The database belongs to the first instance; only the second app is stopped.
    public Task DisposeAsync() => ((Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>)Second).DisposeAsync().AsTask();
}
