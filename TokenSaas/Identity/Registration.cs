using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Ledger;

namespace TokenSaas.Identity;

/// <summary>Creates a user and opens their token account (which credits the welcome bonus).</summary>
public sealed class Registration(UserManager<AppUser> users, LedgerService ledger, TimeProvider clock)
{
    public async Task<(AppUser? User, IReadOnlyList<string> Errors)> RegisterAsync(string email, string password,
        CancellationToken cancellationToken = default, string? referralCode = null)
    {
        // An unknown or mistyped referral code does not stop anyone signing up; it is just not credited.
        var referrer = string.IsNullOrWhiteSpace(referralCode) ? null
            : await users.Users.Where(u => u.ReferralCode == referralCode.Trim()).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
        var user = new AppUser
        {
            UserName = email,
            Email = email,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            ReferralCode = Growth.GrowthService.NewCode(),
            ReferredBy = referrer,
        };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            return (null, Describe(result.Errors));
        }

        // If this fails the account is still opened on the user's first balance read.
        await ledger.OpenAccountAsync(user.Id, cancellationToken);
        return (user, []);
    }

    public async Task<AppUser> EnsureUserAsync(string email, string password, string? role,
        CancellationToken cancellationToken = default)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            var (created, errors) = await RegisterAsync(email, password, cancellationToken);
            user = created ?? throw new InvalidOperationException(
                $"Could not create user {email}: {string.Join(" ", errors)}");
        }

        if (role is not null && !await users.IsInRoleAsync(user, role))
        {
            await users.AddToRoleAsync(user, role);
        }

        return user;
    }

    /// <summary>What Identity's password rules say against <paramref name="password"/>; empty when it is acceptable.</summary>
    public async Task<IReadOnlyList<string>> PasswordProblemsAsync(string email, string password)
    {
        var user = new AppUser { UserName = email, Email = email };
        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            errors.AddRange((await validator.ValidateAsync(users, user, password)).Errors);
        }

        return Describe(errors);
    }

    // The user name is the email, so a taken email is reported twice; once is enough.
    private static List<string> Describe(IEnumerable<IdentityError> errors)
    {
        var list = errors.ToList();
        if (list.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateEmail)))
        {
            list.RemoveAll(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName));
        }

        return list.Select(e => e.Description).ToList();
    }
}
