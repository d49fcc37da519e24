using TokenSaas.Admin;
using TokenSaas.Audit;
using TokenSaas.Data;
using TokenSaas.Ledger;

namespace TokenSaas.Content;

/// <summary>What one audited change to the pricing page's lists did: the row it touched and its state before and after.</summary>
public sealed record ContentChange(string Action, long Id, object? Before, object? After);

/// <summary>
/// The shared write path of the FAQ, testimonial and comparison managers: the note and key are
/// checked, then the change and its audit row are written in one transaction, once per key.
/// </summary>
public sealed class ContentPageEdits(AppDbContext db, AuditLog audit, TimeProvider clock)
{
    public const int MaxNoteLength = AuditEntry.MaxReasonLength;

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public static void CheckNote(AdminAct act, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(act.Reason))
        {
            errors["note"] = "Add a note saying why (it goes in the audit log).";
        }
        else if (act.Reason.Trim().Length > MaxNoteLength)
        {
            errors["note"] = $"The note must be at most {MaxNoteLength} characters.";
        }
        else if (SystemKeys.Validate(act.IdempotencyKey) is { } keyProblem)
        {
            errors[string.Empty] = $"The form expired ({keyProblem.TrimEnd('.')}): reload the page and try again.";
        }
    }

    public static void Text(string? value, string field, string label, int max, Dictionary<string, string> errors, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors[field] = $"{label} is required.";
            }
        }
        else if (value.Trim().Length > max)
        {
            errors[field] = $"{label} must be at most {max:N0} characters (it has {value.Trim().Length:N0}).";
        }
    }

    /// <summary>Runs <paramref name="change"/> with its audit row unless <paramref name="errors"/> has any; a replayed key does nothing again.</summary>
    public async Task<EditResult<long>> WriteAsync(AdminAct act, Dictionary<string, string> errors, Func<CancellationToken, Task<ContentChange>> change,
        CancellationToken cancellationToken)
    {
        CheckNote(act, errors);
        if (errors.Count > 0)
        {
            return EditResult<long>.Refused(errors);
        }

        long id = 0;
        var (_, replayed) = await audit.WriteOnceAsync(act.IdempotencyKey, async ct =>
        {
            db.ChangeTracker.Clear();
            var done = await change(ct);
            id = done.Id;
            return new AuditRecord(act.Actor, done.Action, AuditTargets.Content, $"{Prefix(done.Action)}:{done.Id}", act.Reason!.Trim())
            {
                Before = done.Before,
                After = done.After,
                IdempotencyKey = act.IdempotencyKey,
            };
        }, cancellationToken);
        return EditResult<long>.Ok(id, replayed ? EditOutcome.Replayed : EditOutcome.Done);
    }

    private static string Prefix(string action) => action switch
    {
        AuditActions.ContentFaq => "faq",
        AuditActions.ContentComparison => "comparison",
        _ => "testimonial",
    };
}
