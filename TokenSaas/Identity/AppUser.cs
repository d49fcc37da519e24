using Microsoft.AspNetCore.Identity;

namespace TokenSaas.Identity;

public sealed class AppUser : IdentityUser
{
    public DateTime CreatedAt { get; set; }
}
