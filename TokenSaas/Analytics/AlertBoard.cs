using Microsoft.EntityFrameworkCore;
using TokenSaas.Audit;
using TokenSaas.Data;

namespace TokenSaas.Analytics;

/// <summary>Which alerts a list shows: open (no admin has acknowledged it yet), acknowledged, or all.</summary>
public enum AlertStatus
{
    Open,
    Acknowledged,
    All,
}

/// <summary>An alert as lists show it, with its user's email.</summary>
public sealed record AlertRow(AdminAlert Alert, string? Email)
{
    public bool Ongoing => Alert.EndedAt is null;

    public bool Acknowledged => Alert.AcknowledgedAt is not null;
}

public sealed record AlertPage(IReadOnlyList<AlertRow> Items, int Page, bool HasMore);

public enum AcknowledgeOutcome
{
    Acknowledged,
    AlreadyAcknowledged,
    NotFound,
}

/// <summary>The alerts admins read and acknowledge (/admin/alerts, the overview's summary, /api/admin/alerts).</summary>
public sealed class AlertBoard(AppDbContext db, AuditLog audit, TimeProvider clock)
{
    public const int MaxPageSize = 100;

    public static bool TryParseStatus(string? text, out AlertStatus status)
    {
        status = AlertStatus.Open;
        return string.IsNullOrEmpty(text) || (Enum.TryParse(text, ignoreCase: true, out status) && Enum.IsDefined(status)
            && !int.TryParse(text, out _));
    }

    /// <summary>Open ones first (ongoing before ended), then the most recent; <paramref name="page"/> counts from 1.</summary>
    public async Task<AlertPage> PageAsync(AlertStatus status, int page, int size, CancellationToken cancellationToken)
    {
        var query = db.AdminAlerts.AsNoTracking();
        query = status switch
        {
            AlertStatus.Open => query.Where(a => a.AcknowledgedAt == null),
            AlertStatus.Acknowledged => query.Where(a => a.AcknowledgedAt != null),
            _ => query,
        };
        var rows = await query
            .OrderBy(a => a.AcknowledgedAt == null ? 0 : 1).ThenBy(a => a.EndedAt == null ? 0 : 1)
            .ThenByDescending(a => a.StartedAt).ThenByDescending(a => a.Id)
            .Skip((page - 1) * size).Take(size + 1)
            .Select(a => new { Alert = a, Email = db.Users.Where(u => u.Id == a.UserId).Select(u => u.Email).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return new AlertPage(rows.Take(size).Select(r => new AlertRow(r.Alert, r.Email)).ToList(), page, rows.Count > size);
    }

    public Task<int> OpenCountAsync(CancellationToken cancellationToken) =>
        db.AdminAlerts.CountAsync(a => a.AcknowledgedAt == null, cancellationToken);

    /// <summary>
    /// Marks the alert seen by <paramref name="actor"/>, audited once: a second acknowledgement
    /// (a double click, two admins at once) changes nothing and writes no second audit row.
    /// </summary>
    public async Task<AcknowledgeOutcome> AcknowledgeAsync(long id, AdminActor actor, CancellationToken cancellationToken)
    {
        if (!await db.AdminAlerts.AnyAsync(a => a.Id == id, cancellationToken))
        {
            return AcknowledgeOutcome.NotFound;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var changed = 0;
        var key = $"{AuditActions.AlertAcknowledge}:{id}";
        var (_, replayed) = await audit.WriteOnceAsync(key, async ct =>
        {
            changed = await db.AdminAlerts.Where(a => a.Id == id && a.AcknowledgedAt == null).ExecuteUpdateAsync(s => s
                .SetProperty(a => a.AcknowledgedAt, now)
                .SetProperty(a => a.AcknowledgedBy, actor.Email), ct);
            var alert = await db.AdminAlerts.AsNoTracking().SingleAsync(a => a.Id == id, ct);
            return new AuditRecord(actor, AuditActions.AlertAcknowledge, AuditTargets.Alert, id.ToString(), null)
            {
                After = new { alert.Kind, alert.Subject, alert.Detail, acknowledged_at = now },
                IdempotencyKey = key,
            };
        }, cancellationToken);
        return replayed || changed == 0 ? AcknowledgeOutcome.AlreadyAcknowledged : AcknowledgeOutcome.Acknowledged;
    }
}
