using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TokenSaas.Identity;
using TokenSaas.Infrastructure;
using TokenSaas.Notifications;

namespace TokenSaas.Pages.Notifications;

public sealed class IndexModel(NotificationService notifications, UserManager<AppUser> users) : PageModel
{
    public IReadOnlyList<Notification> Items { get; private set; } = [];

    public int Unread { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Items = await notifications.RecentAsync(users.GetUserId(User)!, 50, cancellationToken);

    /// <summary>The navbar bell with the unread count (htmx: on load, on tokens-changed, every minute).</summary>
    public async Task<IActionResult> OnGetBellAsync(CancellationToken cancellationToken)
    {
        Unread = await notifications.UnreadAsync(users.GetUserId(User)!, cancellationToken);
        Response.Headers.CacheControl = "no-store";
        return Partial("_Bell", this);
    }

    /// <summary>One item read (htmx: the item comes back read, and the bell refreshes; without htmx: back to the list).</summary>
    public async Task<IActionResult> OnPostReadOneAsync(long id, CancellationToken cancellationToken)
    {
        var item = await notifications.MarkReadAsync(users.GetUserId(User)!, id, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        if (!Request.IsHtmx())
        {
            return LocalRedirect("/notifications");
        }

        Response.Headers["HX-Trigger"] = "tokens-changed";
        return Partial("_Item", item);
    }

    public async Task<IActionResult> OnPostReadAsync(CancellationToken cancellationToken)
    {
        await notifications.MarkAllReadAsync(users.GetUserId(User)!, cancellationToken);
        return LocalRedirect("/notifications");
    }
}
