using Microsoft.EntityFrameworkCore;
using TokenSaas.Audit;
using TokenSaas.Data;
using TokenSaas.Payments;

namespace TokenSaas.Plans;

/// <summary>A plan in the admin's list: its terms and how many subscribers each version has.</summary>
public sealed record PlanRow(Plan Plan, IReadOnlyList<VersionCount> Subscribers)
{
    public int Total => Subscribers.Sum(s => s.Subscribers);
}

/// <summary>The result of a save: the plan as it now is, whether a version was published, or what was wrong.</summary>
public sealed record PlanSaved(Plan? Plan, bool Published, bool Replayed, IReadOnlyDictionary<string, string> Errors, bool Conflict = false)
{
    public bool Succeeded => Plan is not null;

    /// <summary>What the admin is told after a save that succeeded.</summary>
    public string Message => Replayed ? "Already saved." : Published ? $"{Plan!.Name}: version {Plan.Version} is published." : $"{Plan!.Name} is saved.";
}

/// <summary>
/// Admins' changes to plans. Money terms (price, quota, duration) are never edited in place: a
/// change publishes a version, and whether current subscribers keep theirs (grandfathered) or move
/// at a date is the admin's choice. Every change lands in the audit log with its reason, in the
/// transaction that makes it, once per idempotency key.
/// </summary>
public sealed class PlanEditor(AppDbContext db, AuditLog audit, PackCatalog packs, TimeProvider clock)
{
    public async Task<IReadOnlyList<PlanRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        var plans = await db.Plans.AsNoTracking().Include(p => p.Prices).OrderBy(p => p.SortOrder).ThenBy(p => p.Key)
            .ToListAsync(cancellationToken);
        var counts = await CountsAsync(null, cancellationToken);
        return plans.Select(p => new PlanRow(p, counts.GetValueOrDefault(p.Key) ?? [])).ToList();
    }

    public Task<Plan?> FindAsync(string key, CancellationToken cancellationToken = default) =>
        db.Plans.AsNoTracking().Include(p => p.Prices).Include(p => p.Versions).SingleOrDefaultAsync(p => p.Key == key, cancellationToken);

    /// <summary>Who is on which version of <paramref name="key"/> now (paid periods not yet ended).</summary>
    public async Task<IReadOnlyList<VersionCount>> SubscribersAsync(string key, CancellationToken cancellationToken = default) =>
        (await CountsAsync(key, cancellationToken)).GetValueOrDefault(key) ?? [];

    /// <summary>What saving <paramref name="input"/> over <paramref name="plan"/> would do to its subscribers.</summary>
    public async Task<PlanImpact> PreviewAsync(Plan plan, PlanInput input, CancellationToken cancellationToken = default)
    {
        var after = Snapshot(input, plan.Version);
        return PlanImpact.Compute(plan.Versions, await SubscribersAsync(plan.Key, cancellationToken), after,
            after.TermsDiffer(PlanSnapshot.Of(plan)), input.Grandfather, MigrateAt(input));
    }

    public async Task<Dictionary<string, string>> ValidateAsync(PlanInput input, Plan? existing, CancellationToken cancellationToken)
    {
        var othersActive = await db.Plans.CountAsync(p => p.Active && p.Key != (existing == null ? input.Key : existing.Key), cancellationToken);
        return PlanRules.Validate(input, existing, othersActive, packs.KnownCurrencies, clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>Creates the plan (<paramref name="key"/> null) or saves over the plan <paramref name="key"/>.</summary>
    public Task<PlanSaved> SaveAsync(string? key, PlanInput input, AdminActor actor, CancellationToken cancellationToken = default) =>
        key is null ? CreateAsync(input, actor, cancellationToken) : UpdateAsync(key, input, actor, cancellationToken);

    /// <summary>Creates a plan (its version 1 with the reason), or reports what is wrong.</summary>
    public async Task<PlanSaved> CreateAsync(PlanInput input, AdminActor actor, CancellationToken cancellationToken = default)
    {
        var errors = await ValidateAsync(input, null, cancellationToken);
        if (errors.Count > 0)
        {
            return new PlanSaved(null, false, false, errors);
        }

        if (await EarlierTargetAsync(input, cancellationToken) is { } earlier)
        {
            return earlier == input.Key
                ? new PlanSaved(await FindAsync(input.Key!, cancellationToken), false, true, errors)
                : KeyUsedElsewhere(input, earlier);
        }

        if (await db.Plans.AnyAsync(p => p.Key == input.Key, cancellationToken))
        {
            errors["key"] = $"There is already a plan with the key \"{input.Key}\".";
            return new PlanSaved(null, false, false, errors, Conflict: true);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var plan = new Plan(input.Key!, input.Name!.Trim(), input.MonthlyTokens!.Value, input.DurationDays, input.Description?.Trim() ?? "",
            input.SortOrder);
        plan.Describe(plan.Name, plan.Description, input.BulletList, input.Active, input.SortOrder, input.AnnualDiscountPercent);
        plan.Publish(new PlanVersion(plan.Key, 1, plan.MonthlyTokens, plan.DurationDays, input.PriceList, null, input.Reason!.Trim(),
            actor.Id, actor.Email, now));
        var record = new AuditRecord(actor, AuditActions.PlanCreate, AuditTargets.Plan, plan.Key, input.Reason.Trim())
        {
            After = PlanSnapshot.Of(plan),
            IdempotencyKey = Key(input),
        };
        try
        {
            var (_, replayed) = await audit.WriteOnceAsync(record, async ct =>
            {
                db.ChangeTracker.Clear();
                db.Plans.Add(plan);
                await db.SaveChangesAsync(ct);
            }, cancellationToken);
            return new PlanSaved(await FindAsync(plan.Key, cancellationToken), true, replayed, errors);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            errors["key"] = $"There is already a plan with the key \"{input.Key}\".";
            return new PlanSaved(null, false, false, errors, Conflict: true);
        }
    }

    /// <summary>
    /// Saves <paramref name="input"/> over the plan <paramref name="key"/>. A change of money terms
    /// publishes a new version; anything else edits the card. Refused when the plan moved on since
    /// the editor opened it (<see cref="PlanInput.ExpectedVersion"/>).
    /// </summary>
    public async Task<PlanSaved> UpdateAsync(string key, PlanInput input, AdminActor actor, CancellationToken cancellationToken = default)
    {
        var plan = await FindAsync(key, cancellationToken);
        if (plan is null)
        {
            return new PlanSaved(null, false, false, new Dictionary<string, string> { ["key"] = $"No plan has the key \"{key}\"." });
        }

        if (await EarlierTargetAsync(input, cancellationToken) is { } earlier)
        {
            return earlier == key ? new PlanSaved(plan, false, true, new Dictionary<string, string>()) : KeyUsedElsewhere(input, earlier);
        }

        var errors = await ValidateAsync(input, plan, cancellationToken);
        if (input.ExpectedVersion is { } expected && expected != plan.Version)
        {
            errors["version"] = $"Someone published version {plan.Version} while you were editing version {expected}. Reload the plan and make your change again.";
            return new PlanSaved(null, false, false, errors, Conflict: true);
        }

        if (errors.Count > 0)
        {
            return new PlanSaved(null, false, false, errors);
        }

        var before = PlanSnapshot.Of(plan);
        var now = clock.GetUtcNow().UtcDateTime;
        var after = Snapshot(input, plan.Version);
        var publish = after.TermsDiffer(before);
        var record = new AuditRecord(actor, publish ? AuditActions.PlanVersion : AuditActions.PlanUpdate, AuditTargets.Plan, key,
            input.Reason!.Trim())
        {
            Before = before,
            After = new
            {
                plan = after with { Version = publish ? plan.Version + 1 : plan.Version },
                grandfather = publish ? input.Grandfather : (bool?)null,
                migrate_at = publish ? MigrateAt(input) : null,
            },
            IdempotencyKey = Key(input),
        };
        db.ChangeTracker.Clear();
        try
        {
            // Loaded and applied inside the transaction (and again on a retry): a plan that moved on
            // since it was read is refused, never overwritten.
            var (_, replayed) = await audit.WriteOnceAsync(record, async ct =>
            {
                db.ChangeTracker.Clear();
                var current = await db.Plans.Include(p => p.Prices).Include(p => p.Versions).SingleAsync(p => p.Key == key, ct);
                if (current.Version != before.Version)
                {
                    throw new PlanChangedException();
                }

                current.Describe(after.Name, after.Description, after.Bullets, after.Active, after.SortOrder, after.AnnualDiscountPercent);
                if (publish)
                {
                    current.Publish(new PlanVersion(key, current.Version + 1, after.MonthlyTokens, after.DurationDays, after.Prices,
                        MigrateAt(input), input.Reason!.Trim(), actor.Id, actor.Email, now));
                }

                await db.SaveChangesAsync(ct);
            }, cancellationToken);
            return new PlanSaved(await FindAsync(key, cancellationToken), publish, replayed, errors);
        }
        catch (Exception ex) when (ex is PlanChangedException or DbUpdateException)
        {
            db.ChangeTracker.Clear();
            errors["version"] = "Someone changed this plan at the same moment. Reload it and make your change again.";
            return new PlanSaved(null, false, false, errors, Conflict: true);
        }
    }

    private sealed class PlanChangedException() : Exception("The plan changed while it was being saved.");

    /// <summary>The plan's versions, newest first, each with the terms it replaced.</summary>
    public async Task<IReadOnlyList<(PlanVersion Version, PlanVersion? Previous)>> HistoryAsync(string key,
        CancellationToken cancellationToken = default)
    {
        var versions = await db.PlanVersions.AsNoTracking().Where(v => v.PlanKey == key).OrderByDescending(v => v.Number)
            .ToListAsync(cancellationToken);
        return versions.Select((v, i) => (v, i + 1 < versions.Count ? versions[i + 1] : null)).ToList();
    }

    private DateTime? MigrateAt(PlanInput input) => input.Grandfather ? null : input.EffectiveAt ?? clock.GetUtcNow().UtcDateTime;

    /// <summary>The plan an earlier change with this idempotency key was made to, if any: a replay only when it is the same plan.</summary>
    private async Task<string?> EarlierTargetAsync(PlanInput input, CancellationToken cancellationToken) => Key(input) is { } key
        ? (await Admin.CatalogueRules.EarlierTargetAsync(db, key, cancellationToken))?.TargetId
        : null;

    private static PlanSaved KeyUsedElsewhere(PlanInput input, string earlier) => new(null, false, false,
        new Dictionary<string, string> { ["idempotency_key"] = $"'{input.IdempotencyKey}' was already used for plan '{earlier}'." }, Conflict: true);

    private static string? Key(PlanInput input) => string.IsNullOrWhiteSpace(input.IdempotencyKey) ? null : $"plan:{input.IdempotencyKey}";

    private static PlanSnapshot Snapshot(PlanInput input, int version) => new(input.Name?.Trim() ?? "", input.Description?.Trim() ?? "",
        input.MonthlyTokens ?? 0, input.DurationDays, input.PriceList, input.AnnualDiscountPercent, input.BulletList, input.Active,
        input.SortOrder, version);

    private async Task<Dictionary<string, IReadOnlyList<VersionCount>>> CountsAsync(string? key, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.TokenAccounts.AsNoTracking()
            .Where(a => (key == null || a.PlanKey == key) && (a.PlanEndAt == null || a.PlanEndAt > now))
            .GroupBy(a => new { a.PlanKey, a.PlanVersion })
            .Select(g => new { g.Key.PlanKey, g.Key.PlanVersion, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.PlanKey).ToDictionary(g => g.Key,
            g => (IReadOnlyList<VersionCount>)g.OrderBy(r => r.PlanVersion).Select(r => new VersionCount(r.PlanVersion, r.Count)).ToList());
    }
}
