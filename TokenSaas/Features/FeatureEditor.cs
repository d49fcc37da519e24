using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TokenSaas.Admin;
using TokenSaas.Analytics;
using TokenSaas.Audit;
using TokenSaas.Data;
using TokenSaas.Ledger;
using TokenSaas.Payments;

namespace TokenSaas.Features;

/// <summary>A feature as the admin console shows it and the admin API returns it.</summary>
public sealed record FeatureView(string Key, string Name, string Category, string Description, long Cost, long? CostPerUse, bool Active,
    int SortOrder)
{
    public static FeatureView Of(Feature f) => new(f.Key, f.Name, f.Category, f.Description, f.Cost, f.CostPerUse, f.Active, f.SortOrder);
}

/// <summary>What an admin asks of a feature: a null field stays as it is (on a new feature: its default, where it has one).</summary>
public sealed record FeatureChange
{
    public string? Name { get; init; }

    public string? Category { get; init; }

    public string? Description { get; init; }

    public long? Cost { get; init; }

    /// <summary>Whether <see cref="CostPerUse"/> is given; given as null, it clears the cost per use.</summary>
    public bool SetsCostPerUse { get; init; }

    public long? CostPerUse { get; init; }

    public bool? Active { get; init; }

    public int? SortOrder { get; init; }
}

/// <summary>
/// Creates and changes features, each write in one transaction with its audit row. A change of
/// cost or cost per use also writes a <see cref="FeatureCostChange"/> and is audited as
/// <c>feature.cost</c>; the catalogue cache is dropped so the next spend uses the new cost. Spends
/// already made keep their amount, and a hold keeps the amount it reserved.
/// </summary>
public sealed class FeatureEditor(AppDbContext db, AuditLog audit, FeatureCatalog catalog, TimeProvider clock,
    IOptions<AnalyticsOptions> analytics)
    : ICatalogueEditor<FeatureChange, FeatureView>
{
    public const long MaxCost = 1_000_000;
    public const int MaxNameLength = 100;
    public const int MaxCategoryLength = 50;
    public const int MaxDescriptionLength = 500;
    public const int HistoryLimit = 500;

    public static readonly string CostMessage = $"Enter the cost as a whole number of tokens from 0 (free) to {MaxCost:N0}.";
    public static readonly string CostPerUseMessage =
        $"Enter what one use costs us as a whole number of minor units from 0 to {PriceRules.MaxAmount:N0}, or leave it empty.";

    public async Task<FeatureView?> FindAsync(string key, CancellationToken cancellationToken) =>
        await db.Features.AsNoTracking().SingleOrDefaultAsync(f => f.Key == key, cancellationToken) is { } f ? FeatureView.Of(f) : null;

    /// <summary>Every feature, hidden ones too, in display order.</summary>
    public async Task<IReadOnlyList<FeatureView>> ListAsync(CancellationToken cancellationToken) =>
        (await db.Features.AsNoTracking().OrderBy(f => f.SortOrder).ThenBy(f => f.Key).ToListAsync(cancellationToken))
        .Select(FeatureView.Of).ToList();

    /// <summary>The feature's cost changes, newest first; null when there is no such feature.</summary>
    public async Task<IReadOnlyList<FeatureCostChange>?> HistoryAsync(string key, CancellationToken cancellationToken) =>
        !await db.Features.AnyAsync(f => f.Key == key, cancellationToken) ? null
            : await db.FeatureCostChanges.AsNoTracking().Where(c => c.FeatureKey == key).OrderByDescending(c => c.Id).Take(HistoryLimit)
                .ToListAsync(cancellationToken);

    /// <summary>The confirm step: what <paramref name="change"/> would change, or why it cannot be saved; writes nothing.</summary>
    public async Task<EditResult<IReadOnlyList<FieldChange>>> PreviewAsync(string? key, bool creating, FeatureChange change, string? reason,
        bool requireReason, CancellationToken cancellationToken)
    {
        var check = await CheckAsync(key, creating, change, cancellationToken);
        return check.Preview(check.Target is null ? [] : Diff(check.Current, check.Target), reason, requireReason);
    }

    public async Task<EditResult<FeatureView>> CreateAsync(string? key, FeatureChange change, AdminAct act, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        CatalogueRules.Act(act, errors);
        if (errors.Count == 0
            && await CatalogueRules.ReplayAsync(db, act.IdempotencyKey, AuditTargets.Feature, key, FindAsync, cancellationToken) is { } replay)
        {
            return replay;
        }

        var check = await CheckAsync(key, creating: true, change, cancellationToken);
        if (check.Refusal(errors) is { } refused)
        {
            return refused.Outcome == EditOutcome.Conflict && errors.Count == 0 ? await TakenAsync(key!, act, cancellationToken) : refused;
        }

        var (t, reason) = (check.Target!, act.Reason!.Trim());
        var record = new AuditRecord(act.Actor, AuditActions.FeatureCreate, AuditTargets.Feature, t.Key, reason)
        {
            After = CatalogueRules.Audit(Diff(null, t)).After,
            IdempotencyKey = act.IdempotencyKey,
        };
        try
        {
            var (_, replayed) = await audit.WriteOnceAsync(record, async ct =>
            {
                if (await db.Features.AnyAsync(f => f.Key == t.Key, ct))
                {
                    throw new CatalogueKeyTakenException();
                }

                var feature = new Feature(t.Key, t.Name, t.Category, t.Cost, t.Description, t.SortOrder);
                feature.Update(t.Name, t.Category, t.Description, t.Cost, t.CostPerUse, t.Active, t.SortOrder);
                db.Features.Add(feature);
                // The first cost is history too: the table then says what every cost was and who set it.
                db.FeatureCostChanges.Add(new FeatureCostChange(t.Key, null, t.Cost, null, t.CostPerUse, reason, act.Actor.Id,
                    act.Actor.Email, Now));
                await db.SaveChangesAsync(ct);
            }, cancellationToken);
            catalog.Invalidate();
            return replayed ? await AfterRaceAsync(t.Key, act, cancellationToken)
                : EditResult<FeatureView>.Ok((await FindAsync(t.Key, cancellationToken))!);
        }
        catch (CatalogueKeyTakenException)
        {
            db.ChangeTracker.Clear();
            return await TakenAsync(t.Key, act, cancellationToken);
        }
    }

    public async Task<EditResult<FeatureView>> UpdateAsync(string key, FeatureChange change, AdminAct act, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        CatalogueRules.Act(act, errors);
        if (errors.Count == 0
            && await CatalogueRules.ReplayAsync(db, act.IdempotencyKey, AuditTargets.Feature, key, FindAsync, cancellationToken) is { } replay)
        {
            return replay;
        }

        var check = await CheckAsync(key, creating: false, change, cancellationToken);
        if (check.Refusal(errors) is { } refused)
        {
            return refused;
        }

        var changes = Diff(check.Current, check.Target!);
        if (changes.Count == 0)
        {
            return EditResult<FeatureView>.Ok(check.Current!, EditOutcome.Unchanged);
        }

        // Filled in the transaction from the row as it is then, so the audit row says what really changed.
        var (before, after) = (new Dictionary<string, object?>(), new Dictionary<string, object?>());
        var action = changes.Any(IsCost) ? AuditActions.FeatureCost : AuditActions.FeatureUpdate;
        var reason = act.Reason!.Trim();
        var record = new AuditRecord(act.Actor, action, AuditTargets.Feature, key, reason)
        {
            Before = before,
            After = after,
            IdempotencyKey = act.IdempotencyKey,
        };
        var (_, replayed) = await audit.WriteOnceAsync(record, async ct =>
        {
            var feature = await db.Features.SingleAsync(f => f.Key == key, ct);
            var current = FeatureView.Of(feature);
            var t = Merge(current, change);
            before.Clear();
            after.Clear();
            foreach (var c in Diff(current, t))
            {
                (before[c.Field], after[c.Field]) = (c.Before, c.After);
            }

            if (t.Cost != current.Cost || t.CostPerUse != current.CostPerUse)
            {
                db.FeatureCostChanges.Add(new FeatureCostChange(key, current.Cost, t.Cost, current.CostPerUse, t.CostPerUse, reason,
                    act.Actor.Id, act.Actor.Email, Now));
            }

            feature.Update(t.Name, t.Category, t.Description, t.Cost, t.CostPerUse, t.Active, t.SortOrder);
            await db.SaveChangesAsync(ct);
        }, cancellationToken);
        catalog.Invalidate();
        return replayed ? await AfterRaceAsync(key, act, cancellationToken)
            : EditResult<FeatureView>.Ok((await FindAsync(key, cancellationToken))!);
    }

    /// <summary>Field by field, what differs (every field when <paramref name="before"/> is null: a new feature).</summary>
    public List<FieldChange> Diff(FeatureView? before, FeatureView after)
    {
        var currency = analytics.Value.Currency;
        var changes = new List<FieldChange>();
        Add("key", "Key", before?.Key, after.Key, v => (string)v);
        Add("name", "Name", before?.Name, after.Name, v => (string)v);
        Add("category", "Category", before?.Category, after.Category, v => (string)v);
        Add("description", "Description", before?.Description, after.Description, v => (string)v is "" ? "(none)" : (string)v);
        Add("cost", "Cost", before?.Cost, after.Cost, v => (long)v == 0 ? "free" : $"{(long)v:N0} token{((long)v == 1 ? "" : "s")}");
        Add("cost_per_use", "Cost per use", before?.CostPerUse, after.CostPerUse, v => Money.Format((long)v, currency), "not set");
        Add("active", "Status", before?.Active, after.Active, v => (bool)v ? "active" : "hidden");
        Add("sort_order", "Sort order", before?.SortOrder, after.SortOrder, v => ((int)v).ToString("N0"));
        return changes;

        void Add(string field, string label, object? was, object? now, Func<object, string> text, string none = "—")
        {
            if ((before is null && (now is not null || field == "cost_per_use")) || (before is not null && !Equals(was, now)))
            {
                changes.Add(new FieldChange(field, label, was, now, was is null ? none : text(was), now is null ? none : text(now)));
            }
        }
    }

    private static bool IsCost(FieldChange change) => change.Field is "cost" or "cost_per_use";

    private async Task<CatalogueCheck<FeatureView>> CheckAsync(string? key, bool creating, FeatureChange change, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        FeatureView? current = null;
        if (creating)
        {
            if (CatalogueRules.Key(key, Feature.MaxKeyLength, "feature") is { } keyError)
            {
                errors["Key"] = keyError;
            }
            else if (await db.Features.AnyAsync(f => f.Key == key, cancellationToken))
            {
                return new CatalogueCheck<FeatureView>(null, null, new() { ["Key"] = Taken(key!) }, EditOutcome.Conflict);
            }
        }
        else if ((current = await FindAsync(key ?? string.Empty, cancellationToken)) is null)
        {
            return new CatalogueCheck<FeatureView>(null, null, new() { [string.Empty] = $"There is no feature '{key}'." }, EditOutcome.NotFound);
        }

        var basis = current ?? new FeatureView(key ?? string.Empty, string.Empty, string.Empty, string.Empty, -1, null, true,
            await NextSortOrderAsync(cancellationToken));
        var t = Merge(basis, change);
        Add("Name", CatalogueRules.Text(t.Name, "feature's name", MaxNameLength, required: true));
        Add("Category", CatalogueRules.Text(t.Category, "category", MaxCategoryLength, required: true));
        Add("Description", CatalogueRules.Text(t.Description, "description", MaxDescriptionLength, required: false));
        Add("Cost", t.Cost is < 0 or > MaxCost ? CostMessage : null);
        Add("CostPerUse", t.CostPerUse is < 0 or > PriceRules.MaxAmount ? CostPerUseMessage : null);
        Add("SortOrder", t.SortOrder is < 0 or > CatalogueRules.MaxSortOrder ? CatalogueRules.SortOrderMessage : null);
        return errors.Count == 0 ? new CatalogueCheck<FeatureView>(current, t, errors, EditOutcome.Done)
            : new CatalogueCheck<FeatureView>(current, null, errors, EditOutcome.Invalid);

        void Add(string field, string? message)
        {
            if (message is not null)
            {
                errors.TryAdd(field, message);
            }
        }
    }

    private static FeatureView Merge(FeatureView current, FeatureChange change) => current with
    {
        Name = change.Name?.Trim() ?? current.Name,
        Category = change.Category?.Trim() ?? current.Category,
        Description = change.Description?.Trim() ?? current.Description,
        Cost = change.Cost ?? current.Cost,
        CostPerUse = change.SetsCostPerUse ? change.CostPerUse : current.CostPerUse,
        Active = change.Active ?? current.Active,
        SortOrder = change.SortOrder ?? current.SortOrder,
    };

    // Another request under the same idempotency key committed first: answer as its replay, or as a conflict if it was another change.
    private async Task<EditResult<FeatureView>> AfterRaceAsync(string key, AdminAct act, CancellationToken cancellationToken) =>
        await CatalogueRules.ReplayAsync(db, act.IdempotencyKey, AuditTargets.Feature, key, FindAsync, cancellationToken)
        ?? EditResult<FeatureView>.Refused(EditOutcome.Conflict, "IdempotencyKey", CatalogueRules.ReusedKeyMessage);

    // The key is taken: by this very submit, committed by a twin request meanwhile (a replay), or by another (a conflict).
    private async Task<EditResult<FeatureView>> TakenAsync(string key, AdminAct act, CancellationToken cancellationToken) =>
        await CatalogueRules.ReplayAsync(db, act.IdempotencyKey, AuditTargets.Feature, key, FindAsync, cancellationToken) is { Outcome: EditOutcome.Replayed } replay
            ? replay
            : EditResult<FeatureView>.Refused(EditOutcome.Conflict, "Key", Taken(key));

    private async Task<int> NextSortOrderAsync(CancellationToken cancellationToken) =>
        Math.Min(CatalogueRules.MaxSortOrder, (await db.Features.MaxAsync(f => (int?)f.SortOrder, cancellationToken) ?? 0) + 10);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static string Taken(string key) => $"A feature with the key '{key}' already exists; choose another key.";
}
