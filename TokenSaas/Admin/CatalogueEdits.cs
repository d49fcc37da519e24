using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Audit;
using TokenSaas.Data;
using TokenSaas.Ledger;

namespace TokenSaas.Admin;

public enum EditOutcome
{
    Done,
    /// <summary>The idempotency key was already used for this change: nothing was done again.</summary>
    Replayed,
    /// <summary>The change asked for is what is there already: nothing was written.</summary>
    Unchanged,
    Invalid,
    NotFound,
    Conflict,
}

/// <summary>An admin's edit of the catalogue (packs, features): what it did, or why not, with messages keyed by field.</summary>
public sealed record EditResult<T>(EditOutcome Outcome, T? Value, IReadOnlyDictionary<string, string> Errors)
{
    public bool Succeeded => Outcome is EditOutcome.Done or EditOutcome.Replayed or EditOutcome.Unchanged;

    /// <summary>Every message as one text, for an API error.</summary>
    public string Message => string.Join(" ", Errors.Values);

    public static EditResult<T> Ok(T value, EditOutcome outcome = EditOutcome.Done) => new(outcome, value, new Dictionary<string, string>());

    public static EditResult<T> Refused(IReadOnlyDictionary<string, string> errors) => new(EditOutcome.Invalid, default, errors);

    public static EditResult<T> Refused(EditOutcome outcome, string field, string message) =>
        new(outcome, default, new Dictionary<string, string> { [field] = message });
}

/// <summary>A catalogue form as posted: its reason, and the idempotency key its confirm step was given.</summary>
public interface ICatalogueForm
{
    string? Key { get; }

    string? Reason { get; }

    string? IdempotencyKey { get; set; }
}

/// <summary>
/// Where a form's edit stands: refused (messages keyed by the form's fields), waiting for the
/// admin to confirm <see cref="Changes"/> under a fresh idempotency key, or done.
/// </summary>
public sealed record CatalogueStep(IReadOnlyList<FieldChange> Changes, IReadOnlyDictionary<string, string> Errors, string? IdempotencyKey,
    string? Done = null)
{
    public bool Confirmed => Done is not null;

    public bool Refused => Errors.Count > 0;

    public static CatalogueStep Failed(IReadOnlyDictionary<string, string> errors, string? key = null) => new([], errors, key);
}

/// <summary>An edit checked against the item as it is: the item (null when new), what it would become, or why not.</summary>
public sealed record CatalogueCheck<TView>(TView? Current, TView? Target, Dictionary<string, string> Errors, EditOutcome Outcome)
    where TView : class
{
    /// <summary>The confirm step's answer: the <paramref name="changes"/>, or every reason not to save (the reason's too, when required).</summary>
    public EditResult<IReadOnlyList<FieldChange>> Preview(IReadOnlyList<FieldChange> changes, string? reason, bool requireReason = true)
    {
        var errors = new Dictionary<string, string>(Errors);
        if (requireReason)
        {
            CatalogueRules.Reason(reason, errors);
        }

        if (errors.Count == 0 && changes.Count == 0)
        {
            errors[string.Empty] = "Nothing has changed: edit a field first.";
        }

        return errors.Count > 0 ? new(Outcome == EditOutcome.Done ? EditOutcome.Invalid : Outcome, null, errors)
            : EditResult<IReadOnlyList<FieldChange>>.Ok(changes);
    }

    /// <summary>Null when the edit may go ahead; else why not, with the act's own problems (<paramref name="actErrors"/>) added.</summary>
    public EditResult<TView>? Refusal(IReadOnlyDictionary<string, string> actErrors)
    {
        if (Outcome is EditOutcome.NotFound or EditOutcome.Conflict)
        {
            return new(Outcome, null, Errors);
        }

        var errors = new Dictionary<string, string>(Errors);
        foreach (var (field, message) in actErrors)
        {
            errors.TryAdd(field, message);
        }

        return errors.Count > 0 ? EditResult<TView>.Refused(errors) : null;
    }
}

/// <summary>Thrown inside an edit's transaction when its new key was taken meanwhile; the edit answers 409.</summary>
public sealed class CatalogueKeyTakenException : Exception;

/// <summary>One field as it is and as it will be: shown in the confirm step, recorded in the audit row.</summary>
public sealed record FieldChange(string Field, string Label, object? Before, object? After, string BeforeText, string AfterText);

/// <summary>The rules every catalogue edit shares: keys, texts, whole numbers, the reason and the idempotency key.</summary>
public static partial class CatalogueRules
{
    /// <summary>Keys that would collide with a page's own address (/admin/packs/new).</summary>
    public const string ReservedKey = "new";

    public const int MaxSortOrder = 1_000_000;

    public static readonly string SortOrderMessage = $"Enter the sort order as a whole number from 0 to {MaxSortOrder:N0} (lower comes first).";

    public static string? Key(string? key, int maxLength, string what) => key switch
    {
        null or "" => $"Give the {what} a key.",
        ReservedKey => $"'{ReservedKey}' is reserved; choose another key.",
        _ when !IsKey(key, maxLength) => $"The key must be 2 to {maxLength} characters: lower-case letters, digits and _ only.",
        _ => null,
    };

    /// <summary>2 to <paramref name="maxLength"/> lower-case letters, digits and underscores (plans, packs, features).</summary>
    public static bool IsKey(string key, int maxLength) => key.Length >= 2 && key.Length <= maxLength && KeyPattern().IsMatch(key);

    /// <summary>Why <paramref name="text"/> (already trimmed) will not do as a <paramref name="label"/>, or null.</summary>
    public static string? Text(string? text, string label, int maxLength, bool required) => text switch
    {
        null or "" when required => $"Give the {label}.",
        { Length: var n } when n > maxLength => $"Keep the {label} to {maxLength} characters (it has {n}).",
        not null when text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')) => $"The {label} has characters that cannot be shown.",
        _ => null,
    };

    /// <summary>Adds the act's problems (reason, idempotency key) to <paramref name="errors"/>.</summary>
    public static void Act(AdminAct act, IDictionary<string, string> errors)
    {
        Reason(act.Reason, errors);
        if (SystemKeys.Validate(act.IdempotencyKey) is { } keyError)
        {
            errors["IdempotencyKey"] = char.ToUpperInvariant(keyError[0]) + keyError[1..];
        }
    }

    /// <summary>
    /// Adds what is wrong with <paramref name="reason"/> to <paramref name="errors"/>. At most
    /// <see cref="AuditEntry.MaxReasonLength"/> characters: the audit log's column holds no more.
    /// </summary>
    public static void Reason(string? reason, IDictionary<string, string> errors)
    {
        var trimmed = reason?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            errors["Reason"] = "Give a reason: it is kept in the audit log.";
        }
        else if (trimmed.Length > AuditEntry.MaxReasonLength)
        {
            errors["Reason"] = $"Keep the reason to {AuditEntry.MaxReasonLength} characters (it has {trimmed.Length}).";
        }
    }

    /// <summary>A whole number typed into <paramref name="field"/> within ±<paramref name="max"/>; else null, with <paramref name="message"/> added to <paramref name="errors"/>.</summary>
    public static long? Whole(string? text, string field, string message, IDictionary<string, string> errors, long max = long.MaxValue)
    {
        if (Whole(text) is { } value && value <= max && value >= -max)
        {
            return value;
        }

        errors[field] = message;
        return null;
    }

    /// <summary>A whole number as a person types it ("1,000", "−5"), or null when it is not one.</summary>
    public static long? Whole(string? text)
    {
        var trimmed = text?.Trim().Replace("−", "-", StringComparison.Ordinal).Replace(",", string.Empty, StringComparison.Ordinal);
        return long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    /// <summary>
    /// A request whose idempotency key was used before: for this very target a replay (the item as
    /// it is now, nothing done again), for anything else a conflict; null when the key is new.
    /// </summary>
    public static async Task<EditResult<TView>?> ReplayAsync<TView>(AppDbContext db, string? idempotencyKey, string targetType, string? targetId,
        Func<string, CancellationToken, Task<TView?>> find, CancellationToken cancellationToken) where TView : class
    {
        if (string.IsNullOrEmpty(idempotencyKey))
        {
            return null;
        }

        if (await EarlierTargetAsync(db, idempotencyKey, cancellationToken) is not { } earlier)
        {
            return null;
        }

        return earlier.TargetType == targetType && earlier.TargetId == targetId && await find(targetId, cancellationToken) is { } item
            ? EditResult<TView>.Ok(item, EditOutcome.Replayed)
            : EditResult<TView>.Refused(EditOutcome.Conflict, "IdempotencyKey", ReusedKeyMessage);
    }

    /// <summary>What the audit row written under <paramref name="idempotencyKey"/> is about, if there is one.</summary>
    public static async Task<(string TargetType, string TargetId)?> EarlierTargetAsync(AppDbContext db, string idempotencyKey,
        CancellationToken cancellationToken) =>
        await db.AuditEntries.AsNoTracking().Where(e => e.IdempotencyKey == idempotencyKey)
            .Select(e => new { e.TargetType, e.TargetId }).FirstOrDefaultAsync(cancellationToken) is { } row
            ? (row.TargetType, row.TargetId)
            : null;

    public const string ReusedKeyMessage = "This idempotency_key was already used for a different change.";

    /// <summary>The audit row's before and after: only the fields that change.</summary>
    public static (Dictionary<string, object?> Before, Dictionary<string, object?> After) Audit(IEnumerable<FieldChange> changes)
    {
        var list = changes.ToList();
        return (list.ToDictionary(c => c.Field, c => c.Before), list.ToDictionary(c => c.Field, c => c.After));
    }

    [GeneratedRegex("^[a-z0-9_]+$")]
    private static partial Regex KeyPattern();
}
