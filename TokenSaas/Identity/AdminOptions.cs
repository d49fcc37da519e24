namespace TokenSaas.Identity;

public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>The first admin, created at start when both are set and the user does not exist.</summary>
    public string? Email { get; set; }

    public string? Password { get; set; }

    /// <summary>Server-to-server admin calls send it as X-Api-Key.</summary>
    public string? ApiKey { get; set; }
}

public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Seed the demo admin and demo user (on in Development only).</summary>
    public bool Seed { get; set; }
}

/// <summary>The demo logins the README and the log announce. Seeded only when Demo:Seed is on.</summary>
public static class DemoAccounts
{
    public const string AdminEmail = "admin@demo.tokensaas.local";
    public const string UserEmail = "user@demo.tokensaas.local";
    public const string Password = "Demo-pass-123";
}
