namespace TokenSaas.Notifications;

/// <summary>Something a user should hear about: a payment, a gift, a low balance, the daily refill.</summary>
public sealed class Notification
{
    private Notification()
    {
        UserId = Kind = Title = Body = string.Empty;
    }

    public Notification(string userId, string kind, string title, string body, string? link, DateTime now)
    {
        UserId = userId;
        Kind = kind;
        Title = title;
        Body = body;
        Link = link;
        CreatedAt = now;
    }

    public long Id { get; private set; }

    public string UserId { get; private set; }

    /// <summary>payment_succeeded, payment_failed, tokens_received, low_balance, daily_refill.</summary>
    public string Kind { get; private set; }

    public string Title { get; private set; }

    public string Body { get; private set; }

    public string? Link { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime? ReadAt { get; private set; }
}
