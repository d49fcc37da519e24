using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TokenSaas.Data;

namespace TokenSaas.Notifications;

public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>SMTP server; when empty, mail goes to <see cref="PickupDirectory"/> if that is set, else nowhere.</summary>
    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 587;

    public string? SmtpUser { get; set; }

    public string? SmtpPassword { get; set; }

    public string From { get; set; } = "TokenSaas <no-reply@tokensaas.local>";

    /// <summary>A folder that receives each message as an .eml file (Development uses data/mail).</summary>
    public string? PickupDirectory { get; set; }
}

/// <summary>
/// In-app notifications (the navbar bell), optionally also by email. Failing to send an email
/// never fails what caused it: it is logged and the in-app notification stays.
/// </summary>
public sealed class NotificationService(AppDbContext db, TimeProvider clock, IOptions<EmailOptions> email, IHostEnvironment environment,
    ILogger<NotificationService> logger)
{
    public async Task NotifyAsync(string userId, string kind, string title, string body, string? link, CancellationToken cancellationToken)
    {
        db.Notifications.Add(new Notification(userId, kind, title, body, link, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
        var address = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
        if (address is not null)
        {
            await SendAsync(address, title, body, cancellationToken);
        }
    }

    /// <summary>At most one unread notification of a kind: a low balance is said once until read.</summary>
    public async Task NotifyOnceAsync(string userId, string kind, string title, string body, string? link, CancellationToken cancellationToken)
    {
        if (!await db.Notifications.AnyAsync(n => n.UserId == userId && n.Kind == kind && n.ReadAt == null, cancellationToken))
        {
            await NotifyAsync(userId, kind, title, body, link, cancellationToken);
        }
    }

    public Task<int> UnreadAsync(string userId, CancellationToken cancellationToken) =>
        db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAt == null, cancellationToken);

    public async Task<IReadOnlyList<Notification>> RecentAsync(string userId, int count, CancellationToken cancellationToken) =>
        await db.Notifications.AsNoTracking().Where(n => n.UserId == userId).OrderByDescending(n => n.Id).Take(count).ToListAsync(cancellationToken);

    /// <summary>Marks one of the user's notifications read (again: no change); null when it is not theirs.</summary>
    public async Task<Notification?> MarkReadAsync(string userId, long id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Notifications.Where(n => n.Id == id && n.UserId == userId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
        return await db.Notifications.AsNoTracking().SingleOrDefaultAsync(n => n.Id == id && n.UserId == userId, cancellationToken);
    }

    public Task<int> MarkAllReadAsync(string userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
    }

    private async Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken)
    {
        var options = email.Value;
        if (string.IsNullOrWhiteSpace(options.SmtpHost) && string.IsNullOrWhiteSpace(options.PickupDirectory))
        {
            return;
        }

        try
        {
            using var client = string.IsNullOrWhiteSpace(options.SmtpHost)
                ? new SmtpClient
                {
                    DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory,
                    PickupDirectoryLocation = Directory.CreateDirectory(
                        Path.Combine(environment.ContentRootPath, options.PickupDirectory!)).FullName,
                }
                : new SmtpClient(options.SmtpHost, options.SmtpPort)
                {
                    EnableSsl = true,
                    Credentials = options.SmtpUser is null ? null : new System.Net.NetworkCredential(options.SmtpUser, options.SmtpPassword),
                };
            using var message = new MailMessage(options.From, to, subject, body);
            await client.SendMailAsync(message, cancellationToken);
        }
        catch (Exception ex) when (ex is SmtpException or IOException or InvalidOperationException or FormatException)
        {
            logger.LogWarning(ex, "Could not email a notification; it is still shown in the app");
        }
    }
}
