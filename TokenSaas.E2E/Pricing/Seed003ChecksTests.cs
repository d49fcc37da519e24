using System.Diagnostics;
using TokenSaas.E2E.Infrastructure;

namespace TokenSaas.E2E.Pricing;

/// <summary>Seed 003's curl checks, run as the seed writes them (scripts/seed-003-checks.sh) against the live app.</summary>
[Collection(SiteCollection.Name)]
public sealed class Seed003ChecksTests(Site site)
{
    [Fact]
    public async Task The_seed_s_curl_checks_pass_against_the_running_app()
    {
        var script = Path.Combine(RepoRoot(), "scripts", "seed-003-checks.sh");
        var start = new ProcessStartInfo("bash", [script, site.BaseUrl]) { RedirectStandardOutput = true, RedirectStandardError = true };

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, output);
        Assert.Contains("All seed 003 checks passed.", output);
    }

    private static string RepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TokenSaas.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("TokenSaas.sln not found above the test output.");
    }
}
