using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace TokenSaas.Audit;

/// <summary>The fields a row's hash covers, in the order they are hashed.</summary>
public sealed record AuditFields(long Id, DateTime At, string ActorId, string ActorEmail, string Action, string TargetType,
    string TargetId, string? Before, string? After, string? Reason, string? Ip, string? IdempotencyKey, string PrevHash);

/// <summary>
/// How a row is hashed: SHA-256 over its canonical JSON (fixed field order, the time to the
/// microsecond in UTC, before/after as the exact text stored), chained to the row before it.
/// </summary>
public static class AuditChain
{
    /// <summary>The hash the first row points back to.</summary>
    public const string Genesis = "";

    /// <summary>PostgreSQL keeps microseconds; a time is cut to them before it is hashed or stored, so both agree.</summary>
    public static DateTime Truncate(DateTime at) =>
        new(at.Ticks - at.Ticks % (TimeSpan.TicksPerMillisecond / 1000), DateTimeKind.Utc);

    public static string Hash(AuditFields row)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("id", row.Id);
            json.WriteString("at", Truncate(row.At).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("actor_id", row.ActorId);
            json.WriteString("actor_email", row.ActorEmail);
            json.WriteString("action", row.Action);
            json.WriteString("target_type", row.TargetType);
            json.WriteString("target_id", row.TargetId);
            json.WriteString("before", row.Before);
            json.WriteString("after", row.After);
            json.WriteString("reason", row.Reason);
            json.WriteString("ip", row.Ip);
            json.WriteString("idempotency_key", row.IdempotencyKey);
            json.WriteString("prev_hash", row.PrevHash);
            json.WriteEndObject();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    public static string Hash(AuditEntry row) => Hash(new AuditFields(row.Id, row.At, row.ActorId, row.ActorEmail, row.Action,
        row.TargetType, row.TargetId, row.Before, row.After, row.Reason, row.Ip, row.IdempotencyKey, row.PrevHash));
}
