using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Identity;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Hosting;

/// <summary>
/// Data-protection keys moved from &lt;data folder&gt;/keys into the database: an existing install's
/// keys are copied in on its first start, so people signed in before the upgrade stay signed in.
/// </summary>
public sealed class KeyRingUpgradeTests
{
    [Fact]
    public async Task A_user_signed_in_before_the_upgrade_is_still_signed_in_after_it()
    {
        var dataDirectory = AppProcess.NewDataDirectory();
        // What the site wrote before the upgrade: its keys in files, and a sign-in cookie sealed with them.
        var before = DataProtectionProvider.Create(new DirectoryInfo(Path.Combine(dataDirectory, "keys")),
            b => b.SetApplicationName("TokenSaas"));
        before.CreateProtector("warm-up").Protect("makes the first key");
        await using var app = new UpgradedInstall(dataDirectory);
        await app.InitializeAsync();
        var email = Users.NewEmail();
        await app.SignedUpAsync(email);

        var cookie = await CookieSealedWithAsync(before, app, email);
        var browser = app.CreateDefaultClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard");
        request.Headers.Add("Cookie", $"tokensaas.auth={cookie}");
        var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(email, await response.Content.ReadAsStringAsync());
        var keyFile = Path.GetFileNameWithoutExtension(Directory.GetFiles(Path.Combine(dataDirectory, "keys"), "*.xml").Single());
        Assert.True(await app.WithDbAsync(db => db.DataProtectionKeys.AnyAsync(k => k.FriendlyName == keyFile)));
    }

    [Fact]
    public async Task Without_a_keys_folder_the_site_makes_its_key_in_the_database()
    {
        await using var app = new UpgradedInstall(AppProcess.NewDataDirectory());
        await app.InitializeAsync();

        Assert.Equal(1, await app.WithDbAsync(db => db.DataProtectionKeys.CountAsync()));
    }

    private static async Task<string> CookieSealedWithAsync(IDataProtectionProvider keys, TestApp app, string email)
    {
        var principal = await app.WithScopeAsync(async s =>
        {
            var user = await s.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
            return await s.GetRequiredService<SignInManager<AppUser>>().CreateUserPrincipalAsync(user!);
        });
        var now = app.Clock.GetUtcNow();
        var ticket = new AuthenticationTicket(principal,
            new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now.AddDays(1) }, IdentityConstants.ApplicationScheme);
        // The purposes the cookie handler seals its ticket with.
        var format = new TicketDataFormat(keys.CreateProtector(
            "Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware", IdentityConstants.ApplicationScheme, "v2"));
        return format.Protect(ticket);
    }

    private sealed class UpgradedInstall(string dataDirectory) : TestApp(new SqliteTestDatabase())
    {
        protected override IReadOnlyDictionary<string, string> Settings =>
            new Dictionary<string, string> { ["Database:DataDirectory"] = dataDirectory };
    }
}
