using Microsoft.Extensions.Options;
using TokenSaas.Infrastructure;

try
{
    var builder = WebApplication.CreateBuilder(args);
    // Run from a build (not a publish), the static-asset endpoints point at files that exist only in
    // the project and obj folders; the runtime manifest maps them. Development does this on its own;
    // tests, `dotnet run` in other environments need it too. A published app has no manifest: no-op.
    builder.WebHost.UseStaticWebAssets();
    builder.Services.AddTokenSaas(builder.Configuration, builder.Environment);

    var app = builder.Build();
    // The commands (verify, backup) need the database, not the site's settings (a JWT secret, say).
    if (await Cli.TryRunAsync(app, args) is { } exitCode)
    {
        return exitCode;
    }

    // Every setting checked now, before the database is touched, so a bad one stops the start with its message.
    app.Services.GetService<IStartupValidator>()?.Validate();

    await app.PrepareAsync();
    app.UseTokenSaas();
    await app.RunAsync();
    return 0;
}
catch (Exception error) when (StartupErrors.Describe(error) is { } message)
{
    await Console.Error.WriteLineAsync($"Configuration error: {message}");
    return StartupErrors.ExitCode;
}

public partial class Program;
