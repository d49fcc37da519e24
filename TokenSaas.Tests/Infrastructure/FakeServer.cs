using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace TokenSaas.Tests.Infrastructure;

/// <summary>A gateway stand-in: a real HTTP server on 127.0.0.1, a free port, the routes a subclass maps.</summary>
public abstract class FakeServer : IAsyncDisposable
{
    private readonly WebApplication app;

    protected FakeServer()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        app = builder.Build();
        Map(app);
        app.StartAsync().GetAwaiter().GetResult();
        BaseUrl = app.Urls.First();
    }

    public string BaseUrl { get; }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected abstract void Map(WebApplication routes);
}
