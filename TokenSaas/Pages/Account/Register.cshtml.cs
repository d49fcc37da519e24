using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using TokenSaas.Identity;
using TokenSaas.Ledger;

namespace TokenSaas.Pages.Account;

[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class RegisterModel(Registration registration, SignInManager<AppUser> signIn, IOptions<TokensOptions> tokens)
    : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public long WelcomeBonus => tokens.Value.WelcomeBonus;

    /// <summary>The referral code from the link the visitor followed.</summary>
    [BindProperty(SupportsGet = true, Name = "ref")]
    public string? Ref { get; set; }

    /// <summary>Where to go once the account exists (a plan on /pricing, say); only this site's own pages.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var (user, errors) = await registration.RegisterAsync(Input.Email.Trim(), Input.Password, cancellationToken, Ref);
        if (user is null)
        {
            errors.ToList().ForEach(e => ModelState.AddModelError(string.Empty, e));
            return Page();
        }

        await signIn.SignInAsync(user, isPersistent: false);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/dashboard");
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your email address.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address, like name@example.com.")]
        [StringLength(256)]
        [Display(Name = "Email")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "Choose a password.")]
        [StringLength(100, MinimumLength = 8, ErrorMessage = "The password must be at least {2} characters long.")]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = string.Empty;

        [DataType(DataType.Password)]
        [Display(Name = "Confirm password")]
        [Compare(nameof(Password), ErrorMessage = "The passwords do not match.")]
        public string ConfirmPassword { get; set; } = string.Empty;
    }
}
