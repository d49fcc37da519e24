using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace TokenSaas.Identity;

/// <summary>The Admin role, the first admin from configuration, and (when asked) the demo logins.</summary>
public sealed class IdentitySeeder(
    RoleManager<IdentityRole> roles,
    Registration registration,
    IOptions<AdminOptions> admin,
    IOptions<DemoOptions> demo,
    ILogger<IdentitySeeder> logger)
{
    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        if (!await roles.RoleExistsAsync(Roles.Admin))
        {
            await roles.CreateAsync(new IdentityRole(Roles.Admin));
        }

        var (email, password) = (admin.Value.Email, admin.Value.Password);
        if (!string.IsNullOrWhiteSpace(email) && !string.IsNullOrWhiteSpace(password))
        {
            if (await registration.PasswordProblemsAsync(email, password) is { Count: > 0 } problems)
            {
                throw new Infrastructure.ConfigurationException($"Admin:Password is too weak: {string.Join(" ", problems)}");
            }

            await registration.EnsureUserAsync(email, password, Roles.Admin, cancellationToken);
            logger.LogInformation("Admin account {Email} is ready", email);
        }
        else if (!string.IsNullOrWhiteSpace(email))
        {
            logger.LogWarning("Admin:Email is set but Admin:Password is not; no admin was created");
        }

        if (demo.Value.Seed)
        {
            await registration.EnsureUserAsync(DemoAccounts.AdminEmail, DemoAccounts.Password, Roles.Admin, cancellationToken);
            await registration.EnsureUserAsync(DemoAccounts.UserEmail, DemoAccounts.Password, null, cancellationToken);
        }
    }
}
