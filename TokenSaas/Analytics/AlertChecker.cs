using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;
using TokenSaas.Identity;
using TokenSaas.Notifications;

namespace TokenSaas.Analytics;

/// <summary>
/// Turns the rules' findings into episodes: the first crossing opens an <see cref="AdminAlert"/>
/// and tells every admin (bell and email) once; later checks while it holds only move its
/// figures; a check that finds it cleared ends it. Safe to run anywhere, any number of times at
/// once: the unique index on open (kind, subject) lets only one checker open an episode.
/// </summary>
public sealed class AlertChecker(AppDbContext db, AlertRules rules, NotificationService notifications, TimeProvider clock,
    ILogger<AlertChecker> logger)
{
    public const string NotificationKind = "admin_alert";
    public const string PaymentsSubject = "payments";
    public const string Link = "/admin/alerts";

    private const int UsersPerQuery = 500;

    /// <summary>Checks these users' spend; returns how many episodes it opened.</summary>
    public async Task<int> CheckUsersAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken)
    {
        var opened = 0;
        foreach (var chunk in userIds.Distinct().Chunk(UsersPerQuery))
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var findings = await rules.SpendAsync(chunk, now, cancellationToken);
            // Most users checked are within their usual range and have nothing open: they cost no write at all.
            var open = await db.AdminAlerts.AsNoTracking()
                .Where(a => a.Kind == AdminAlert.UnusualSpend && a.EndedAt == null && chunk.Contains(a.Subject))
                .Select(a => a.Subject).ToListAsync(cancellationToken);
            foreach (var userId in findings.Keys.Union(open))
            {
                opened += await RecordAsync(AdminAlert.UnusualSpend, userId, userId, findings.GetValueOrDefault(userId), now, cancellationToken) ? 1 : 0;
            }
        }

        return opened;
    }

    /// <summary>Checks failed payments; true if that opened an episode.</summary>
    public async Task<bool> CheckPaymentsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await RecordAsync(AdminAlert.FailedPayments, PaymentsSubject, null, await rules.FailedPaymentsAsync(now, cancellationToken), now,
            cancellationToken);
    }

    /// <summary>The minute job: users who spent in the last few minutes, users with an open episode (so it can end), and payments.</summary>
    public async Task<(int Checked, int Opened)> CheckRecentAsync(CancellationToken cancellationToken)
    {
        var users = await rules.RecentSpendersAsync(cancellationToken);
        users.AddRange(await db.AdminAlerts.AsNoTracking()
            .Where(a => a.Kind == AdminAlert.UnusualSpend && a.EndedAt == null).Select(a => a.Subject).ToListAsync(cancellationToken));
        var opened = await CheckUsersAsync(users, cancellationToken) + (await CheckPaymentsAsync(cancellationToken) ? 1 : 0);
        return (users.Distinct().Count(), opened);
    }

    /// <param name="now">When the figures were measured: checks overlap and can finish out of order, so this (not the
    /// time of writing) decides which check's view is newer.</param>
    private async Task<bool> RecordAsync(string kind, string subject, string? userId, AlertFinding? finding, DateTime now,
        CancellationToken cancellationToken)
    {
        var open = db.AdminAlerts.Where(a => a.Kind == kind && a.Subject == subject && a.EndedAt == null);
        if (finding is null)
        {
            // Only if no check as new as this one has seen it holding.
            await open.Where(a => a.LastSeenAt < now).ExecuteUpdateAsync(s => s.SetProperty(a => a.EndedAt, now), cancellationToken);
            return false;
        }

        // A lost race to open (or an episode ended between our update and insert) is retried once as an update.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            // Same window: keep the episode's highest figure. Another window (the hour calmed, the day has not): its figure replaces it.
            var updated = await open.Where(a => a.Window == finding.Window).ExecuteUpdateAsync(s => s
                .SetProperty(a => a.LastSeenAt, a => a.LastSeenAt > now ? a.LastSeenAt : now)
                .SetProperty(a => a.Detail, a => a.Observed >= finding.Observed ? a.Detail : finding.Detail)
                .SetProperty(a => a.Threshold, a => a.Observed >= finding.Observed ? a.Threshold : finding.Threshold)
                .SetProperty(a => a.Observed, a => a.Observed >= finding.Observed ? a.Observed : finding.Observed), cancellationToken)
                + await open.Where(a => a.Window != finding.Window && a.LastSeenAt < now).ExecuteUpdateAsync(s => s
                    .SetProperty(a => a.LastSeenAt, now)
                    .SetProperty(a => a.Window, finding.Window)
                    .SetProperty(a => a.Detail, finding.Detail)
                    .SetProperty(a => a.Threshold, finding.Threshold)
                    .SetProperty(a => a.Observed, finding.Observed), cancellationToken);
            if (updated > 0 || await open.AnyAsync(cancellationToken))
            {
                return false;
            }

            // A check older than the one that ended the last episode must not open a new one.
            if (await db.AdminAlerts.AnyAsync(a => a.Kind == kind && a.Subject == subject && a.EndedAt > now, cancellationToken))
            {
                return false;
            }

            var alert = new AdminAlert
            {
                Kind = kind, Subject = subject, UserId = userId, Window = finding.Window, Observed = finding.Observed,
                Threshold = finding.Threshold, Detail = finding.Detail, StartedAt = now, LastSeenAt = now,
            };
            db.AdminAlerts.Add(alert);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation())
            {
                db.ChangeTracker.Clear();
                continue;
            }

            await NotifyAdminsAsync(alert, cancellationToken);
            return true;
        }

        return false;
    }

    private async Task NotifyAdminsAsync(AdminAlert alert, CancellationToken cancellationToken)
    {
        var email = alert.UserId is null ? null
            : await db.Users.Where(u => u.Id == alert.UserId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
        var title = alert.Kind == AdminAlert.UnusualSpend ? $"Unusual spending by {email ?? "a user"}" : "Failed payments are spiking";
        var admins = await db.UserRoles.Where(r => db.Roles.Any(role => role.Id == r.RoleId && role.Name == Roles.Admin))
            .Select(r => r.UserId).ToListAsync(cancellationToken);
        foreach (var admin in admins)
        {
            try
            {
                await notifications.NotifyAsync(admin, NotificationKind, title, $"{alert.Detail} Review it at {Link}.", Link, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The episode is recorded and listed on /admin/alerts whatever happens to one admin's notice.
                logger.LogError(ex, "Could not notify admin {Admin} of alert {Alert}", admin, alert.Id);
                db.ChangeTracker.Clear();
            }
        }
    }
}
