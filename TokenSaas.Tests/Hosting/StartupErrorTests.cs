namespace TokenSaas.Tests.Hosting;

/// <summary>
/// A setting the site cannot start with stops it with one clear line on stderr and a non-zero
/// exit code, never a stack trace.
/// </summary>
public sealed class StartupErrorTests
{
    public static TheoryData<string, Dictionary<string, string>, string> BadSettings => new()
    {
        {
            "the README's old Docker password",
            new() { ["Admin__Email"] = "you@example.com", ["Admin__Password"] = "a-strong-password-1" },
            "Configuration error: Admin:Password is too weak: Passwords must have at least one uppercase ('A'-'Z')."
        },
        {
            "no JWT secret in Production",
            new() { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Jwt__Secret"] = "" },
            "Configuration error: Jwt:Secret must be set to at least 32 bytes (e.g. `openssl rand -base64 48`)."
        },
        {
            "an unknown database provider",
            new() { ["Database__Provider"] = "MySql" },
            "Configuration error: Database:Provider is 'MySql'; it must be Sqlite or Postgres."
        },
        {
            "PostgreSQL without a connection string",
            new() { ["Database__Provider"] = "Postgres", ["ConnectionStrings__Default"] = "" },
            "Configuration error: Database:Provider is Postgres but ConnectionStrings:Default is not set."
        },
        {
            "a token lifetime out of range",
            new() { ["Jwt__Lifetime"] = "00:00:05" },
            "Configuration error: Jwt:Lifetime is not valid: The field Lifetime must be between 00:01:00 and 1.00:00:00."
        },
        {
            "a promotion IP allowance below one",
            new() { ["Promotions__FlagIpRedemptions"] = "0" },
            "Configuration error: Promotions:FlagIpRedemptions must be a whole number from 1 to 1,000,000."
        },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task A_bad_setting_stops_the_start_with_one_line_and_a_non_zero_exit(string why, Dictionary<string, string> settings, string message)
    {
        var outcome = await AppProcess.RunAsync(settings);

        Assert.True(outcome.ExitCode != 0, $"{why}: exit code 0");
        Assert.Equal(message, outcome.Stderr.TrimEnd());
        Assert.DoesNotContain("   at ", outcome.Stdout + outcome.Stderr);
        Assert.DoesNotContain("Exception", outcome.Stdout + outcome.Stderr);
    }
}
