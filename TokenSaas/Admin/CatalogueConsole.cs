using TokenSaas.Audit;
using TokenSaas.Ledger;

namespace TokenSaas.Admin;

/// <summary>What a catalogue editor (packs, features) offers its form: a preview of a change, and the change itself.</summary>
public interface ICatalogueEditor<TChange, TView> where TView : class
{
    Task<EditResult<IReadOnlyList<FieldChange>>> PreviewAsync(string? key, bool creating, TChange change, string? reason, bool requireReason,
        CancellationToken cancellationToken);

    Task<EditResult<TView>> CreateAsync(string? key, TChange change, AdminAct act, CancellationToken cancellationToken);

    Task<EditResult<TView>> UpdateAsync(string key, TChange change, AdminAct act, CancellationToken cancellationToken);
}

/// <summary>
/// The two steps of a catalogue form: review (check, show before → after under a fresh key), then
/// save. Subtypes say only how their form reads and what their item is called.
/// </summary>
public abstract class CatalogueConsole<TForm, TChange, TView>(ICatalogueEditor<TChange, TView> editor)
    where TForm : ICatalogueForm where TView : class
{
    /// <summary>The change the form asks for, and what could not be read (keyed by field).</summary>
    protected abstract (TChange Change, Dictionary<string, string> Errors) Read(TForm form);

    protected abstract string NameOf(TView item);

    public Task<CatalogueStep> ReviewAsync(string? key, TForm form, CancellationToken cancellationToken) =>
        ReviewAsync(key, form, requireReason: true, cancellationToken);

    /// <summary>Saves the reviewed change (a new item when <paramref name="key"/> is null); refused, it is reviewed again with the messages.</summary>
    public async Task<(CatalogueStep Step, TView? Item)> SaveAsync(string? key, TForm form, AdminActor actor, CancellationToken cancellationToken)
    {
        var (change, errors) = Read(form);
        var act = new AdminAct(actor, form.Reason, form.IdempotencyKey);
        var result = errors.Count > 0 ? EditResult<TView>.Refused(errors)
            : key is null ? await editor.CreateAsync(form.Key?.Trim(), change, act, cancellationToken)
            : await editor.UpdateAsync(key, change, act, cancellationToken);
        if (result.Value is { } item)
        {
            var done = result.Outcome == EditOutcome.Unchanged ? "Nothing had changed."
                : key is null ? $"{NameOf(item)} was created." : $"{NameOf(item)} was saved.";
            return (new CatalogueStep([], result.Errors, form.IdempotencyKey, done), item);
        }

        // Shown again with what was wrong; the reason can be put right in the confirm step itself.
        var again = await ReviewAsync(key, form, requireReason: false, cancellationToken);
        return (new CatalogueStep(again.Changes, result.Errors, form.IdempotencyKey), null);
    }

    private async Task<CatalogueStep> ReviewAsync(string? key, TForm form, bool requireReason, CancellationToken cancellationToken)
    {
        var (change, errors) = Read(form);
        var preview = await editor.PreviewAsync(key ?? form.Key?.Trim(), creating: key is null, change, form.Reason, requireReason,
            cancellationToken);
        foreach (var (field, message) in preview.Errors)
        {
            errors.TryAdd(field, message);
        }

        return errors.Count > 0 ? CatalogueStep.Failed(errors) : new CatalogueStep(preview.Value!, errors, Guid.NewGuid().ToString("N"));
    }
}
