using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TokenSaas.Data;
using TokenSaas.Notifications;
using TokenSaas.Payments;

namespace TokenSaas.Plans;

public sealed class PlansOptions
{
    public const string Section = "Plans";

    /// <summary>How many days before a migration date its subscribers are told.</summary>
    [Range(0, 365)]
    public int NoticeDays { get; set; } = 7;
}

/// <summary>
/// Tells the subscribers a "migrate at a date" version will move, <see cref="PlansOptions.NoticeDays"/>
/// before the date: once per subscriber and version (a run that stops half-way resumes, skipping
/// those already told), then the version is marked done.
/// </summary>
public sealed class PlanNotices(AppDbContext db, NotificationService notifications, TimeProvider clock, IOptions<PlansOptions> options)
{
    public const string Kind = "plan_change";
    private const int Batch = 500;

    /// <summary>Sends what is due; answers how many subscribers were told.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var horizon = now.AddDays(options.Value.NoticeDays);
        var due = await db.PlanVersions.Where(v => v.MigrateAt != null && v.NoticesSentAt == null && v.MigrateAt <= horizon)
            .OrderBy(v => v.MigrateAt).ToListAsync(cancellationToken);
        var told = 0;
        foreach (var version in due)
        {
            told += await TellAsync(version, cancellationToken);
            version.NoticesSent(clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
        }

        return told;
    }

    private async Task<int> TellAsync(PlanVersion version, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.AsNoTracking().SingleAsync(p => p.Key == version.PlanKey, cancellationToken);
        // The link names the version: it is how a second run knows who was already told.
        var link = $"/pricing?version={version.Number}#plan-{plan.Key}";
        var price = string.Join(" or ", version.Prices.Where(p => p.Amount > 0).Select(p => Money.Format(p.Amount, p.Currency)));
        var body = $"From {version.MigrateAt:d MMM yyyy}, your {plan.Name} plan " +
                   (plan.DurationDays is null ? "gives" : $"renews at {price} for {version.DurationDays} days, with") +
                   $" {version.MonthlyTokens:N0} tokens a month. Until your first renewal on or after that date nothing changes. " +
                   $"Why: {version.Reason}";
        var told = 0;
        string? after = null;
        while (true)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var users = await db.TokenAccounts.AsNoTracking()
                .Where(a => a.PlanKey == version.PlanKey && a.PlanVersion < version.Number && (a.PlanEndAt == null || a.PlanEndAt > now)
                            && (after == null || string.Compare(a.UserId, after) > 0))
                .OrderBy(a => a.UserId).Select(a => a.UserId).Take(Batch).ToListAsync(cancellationToken);
            if (users.Count == 0)
            {
                return told;
            }

            var already = await db.Notifications.AsNoTracking()
                .Where(n => users.Contains(n.UserId) && n.Kind == Kind && n.Link == link)
                .Select(n => n.UserId).ToListAsync(cancellationToken);
            foreach (var user in users.Except(already))
            {
                await notifications.NotifyAsync(user, Kind, $"Your {plan.Name} plan is changing", body, link,
                    cancellationToken);
                told++;
            }

            after = users[^1];
        }
    }
}
