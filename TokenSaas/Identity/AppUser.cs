using Microsoft.AspNetCore.Identity;

namespace TokenSaas.Identity;

public sealed class AppUser : IdentityUser
{
    public DateTime CreatedAt { get; set; }

    /// <summary>Shared as /account/register?ref=…; unique.</summary>
    public string? ReferralCode { get; set; }

    /// <summary>The user whose referral link this user signed up with.</summary>
    public string? ReferredBy { get; set; }
}
