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

    /// <summary>How many tokens this user can give now (bought and bonus ones, up to the per-gift maximum).</summary>
    public long Giftable { get; private set; }

    /// <summary>The amount the confirm step asks about.</summary>
    public long? Sending { get; private set; }

    public async Task OnGetAsync() => await LoadInviteAsync();

    public async Task<IActionResult> OnPostConfirmAsync()
    {
        await LoadInviteAsync();
        Sending = Amount();
        if (await RecipientAsync() is null || !ModelState.IsValid)
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
        var (amount, recipient) = (Amount(), await RecipientAsync());
        if (amount is null || recipient is null || !ModelState.IsValid)
        {
            return Page();
        }

        var me = await users.GetUserAsync(User);
        var result = await growth.GiftAsync(new(me!.Id, me.Email!), recipient, amount.Value, GiftKey, cancellationToken);
        if (result.Failure is { } failure)
        {
            ModelState.AddModelError(string.Empty, char.ToUpperInvariant(failure.Message[0]) + failure.Message[1..].TrimEnd('.') + ".");
            return Page();
        }

        TempData["StatusMessage"] = $"You sent {result.Value!.Amount:N0} tokens to {recipient.Email}.";
        return LocalRedirect("/dashboard");
    }

    private long? Amount()
    {
        var (amount, problem) = Growth.GiftRules.Check(Input.Amount, Giftable);
        if (problem is null)
        {
            return amount;
        }

        ModelState.AddModelError("Input.Amount", problem);
        return null;
    }

    private async Task<Growth.AppUserRef?> RecipientAsync()
    {
        if (ModelState["Input.Email"]?.Errors.Count > 0)
        {
            return null;
        }

        var (to, problem) = await growth.RecipientAsync(Input.Email, users.GetUserId(User)!, HttpContext.RequestAborted);
        if (problem is not null)
        {
            ModelState.AddModelError("Input.Email", problem);
        }

        return to;
    }

    // Accounts made before referrals existed get their code the first time they look.
    private async Task LoadInviteAsync()
    {
        var me = (await users.GetUserAsync(User))!;
        Giftable = await growth.GiftableAsync(me.Id, HttpContext.RequestAborted);
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

        /// <summary>As typed: <see cref="Growth.GiftRules.Check"/> reads it, so a huge number gets our message, not the binder's.</summary>
        [Display(Name = "Tokens")]
        public string? Amount { get; set; }
    }
}
