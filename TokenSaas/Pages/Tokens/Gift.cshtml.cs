using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TokenSaas.Identity;

namespace TokenSaas.Pages.Tokens;

public sealed class GiftModel(Growth.GrowthService growth, UserManager<AppUser> users) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>Made when the confirm step is shown: sending twice is one gift.</summary>
    [BindProperty]
    public string? GiftKey { get; set; }

    public bool Confirming { get; private set; }

    public string InviteLink { get; private set; } = string.Empty;

    public async Task OnGetAsync() => await LoadInviteAsync();

    public async Task<IActionResult> OnPostConfirmAsync()
    {
        await LoadInviteAsync();
        if (!ModelState.IsValid || await RecipientAsync() is null)
        {
            return Page();
        }

        Confirming = true;
        GiftKey = Guid.NewGuid().ToString("N");
        return Page();
    }

    public async Task<IActionResult> OnPostSendAsync(CancellationToken cancellationToken)
    {
        await LoadInviteAsync();
        if (!ModelState.IsValid || await RecipientAsync() is not { } recipient)
        {
            return Page();
        }

        var me = await users.GetUserAsync(User);
        var result = await growth.GiftAsync(new(me!.Id, me.Email!), new(recipient.Id, recipient.Email!), Input.Amount!.Value, GiftKey,
            cancellationToken);
        if (result.Failure is { } failure)
        {
            ModelState.AddModelError(string.Empty, char.ToUpperInvariant(failure.Message[0]) + failure.Message[1..].TrimEnd('.') + ".");
            return Page();
        }

        TempData["StatusMessage"] = $"You sent {result.Value!.Amount:N0} tokens to {recipient.Email}.";
        return LocalRedirect("/dashboard");
    }

    private async Task<AppUser?> RecipientAsync()
    {
        var recipient = await users.FindByEmailAsync(Input.Email.Trim());
        var me = users.GetUserId(User);
        if (recipient is null)
        {
            ModelState.AddModelError("Input.Email", "No TokenSaas account uses that email.");
        }
        else if (recipient.Id == me)
        {
            ModelState.AddModelError("Input.Email", "You cannot send a gift to yourself.");
            return null;
        }

        return recipient;
    }

    // Accounts made before referrals existed get their code the first time they look.
    private async Task LoadInviteAsync()
    {
        var me = (await users.GetUserAsync(User))!;
        if (me.ReferralCode is null)
        {
            me.ReferralCode = Growth.GrowthService.NewCode();
            await users.UpdateAsync(me);
        }

        InviteLink = $"{Request.Scheme}://{Request.Host}/account/register?ref={me.ReferralCode}";
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the email of the person to send tokens to.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address, like name@example.com.")]
        [Display(Name = "Their email")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter how many tokens to send.")]
        [Range(1, 1_000_000, ErrorMessage = "Send a whole number of tokens from 1 to 1,000,000.")]
        [Display(Name = "Tokens")]
        public long? Amount { get; set; }
    }
}
