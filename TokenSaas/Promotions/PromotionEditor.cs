using Microsoft.EntityFrameworkCore;
using TokenSaas.Admin;
using TokenSaas.Audit;
using TokenSaas.Data;
using TokenSaas.Ledger;
using TokenSaas.Payments;

namespace TokenSaas.Promotions;

/// <summary>
/// Admins' changes to promotions: create, update, pause, resume, end. Each is checked field by
/// field first, then made in one transaction with its audit row (before, after, reason), once per
/// idempotency key: the same key again is a replay, the same key for another change a conflict.
/// </summary>
public sealed class PromotionEditor(AppDbContext db, AuditLog audit, PackCatalog catalog, TokenCalendar calendar, TimeProvider clock,
    PromotionListing listing)
{
    public IReadOnlySet<string> Currencies => catalog.KnownCurrencies;

    /// <summary>The packs and plans a promotion can target, with their prices, for the rules and the form's checkboxes.</summary>
    public async Task<(IReadOnlyList<PricedItem> Packs, IReadOnlyList<PricedItem> Plans)> TargetsAsync(CancellationToken cancellationToken)
    {
        var packs = await db.Packs.AsNoTracking().OrderBy(p => p.SortOrder).ThenBy(p => p.Key).ToListAsync(cancellationToken);
        var plans = await db.Plans.AsNoTracking().Include(p => p.Prices).OrderBy(p => p.SortOrder).ThenBy(p => p.Key).ToListAsync(cancellationToken);
        return (packs.Select(p => new PricedItem(p.Key, p.Name, p.Prices.ToDictionary(x => x.Currency, x => x.Amount))).ToList(),
            plans.Select(p => new PricedItem(p.Key, p.Name, p.Prices.ToDictionary(x => x.Currency, x => x.Amount))).ToList());
    }

    /// <summary>Every reason <paramref name="input"/> could not be saved (over promotion <paramref name="id"/>, or as a new one); writes nothing.</summary>
    public async Task<Dictionary<string, string>> ValidateAsync(PromotionInput input, AdminAct act, long? id, CancellationToken cancellationToken)
    {
        var existing = id is null ? null : await db.Promotions.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        var errors = ActErrors(act);
        Merge(errors, (await CheckAsync(input, existing, cancellationToken)).Errors);
        return errors;
    }

    public async Task<EditResult<PromotionView>> CreateAsync(PromotionInput input, AdminAct act, CancellationToken cancellationToken)
    {
        var errors = ActErrors(act);
        if (errors.Count == 0 && await EarlierAsync(act, cancellationToken) is { } earlier)
        {
            return earlier.Action == AuditActions.PromotionCreate && long.TryParse(earlier.TargetId, out var earlierId)
                ? await ReplayedAsync(earlierId, cancellationToken)
                : EditResult<PromotionView>.Refused(EditOutcome.Conflict, "idempotency_key", CatalogueRules.ReusedKeyMessage);
        }

        var (settings, problems) = await CheckAsync(input, null, cancellationToken);
        if (Merge(errors, problems) is { } refused)
        {
            return refused;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var promotion = new Promotion { CreatedAt = now, UpdatedAt = now, CreatedBy = act.Actor.Email };
        settings!.ApplyTo(promotion);
        try
        {
            var (_, replayed) = await audit.WriteOnceAsync(Key(act), async ct =>
            {
                db.ChangeTracker.Clear();
                await EnsureCodeFreeAsync(settings.Code, null, ct);
                db.Promotions.Add(promotion);
                await db.SaveChangesAsync(ct);
                AddSharedCode(promotion.Id, settings.Code, now);
                await db.SaveChangesAsync(ct);
                return new AuditRecord(act.Actor, AuditActions.PromotionCreate, AuditTargets.Promotion, promotion.Id.ToString(), act.Reason!.Trim())
                {
                    After = settings.Audit(),
                    IdempotencyKey = Key(act),
                };
            }, cancellationToken);
            return replayed ? await CreateAsync(input, act, cancellationToken) : EditResult<PromotionView>.Ok((await listing.FindAsync(promotion.Id, cancellationToken))!);
        }
        catch (PromotionRefusedException ex)
        {
            db.ChangeTracker.Clear();
            return EditResult<PromotionView>.Refused(ex.Errors);
        }
    }

    public async Task<EditResult<PromotionView>> UpdateAsync(long id, PromotionInput input, AdminAct act, CancellationToken cancellationToken)
    {
        if (await db.Promotions.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken) is not { } existing)
        {
            return NotFound(id);
        }

        var errors = ActErrors(act);
        if (errors.Count == 0 && await ReplayAsync(id, AuditActions.PromotionUpdate, act, cancellationToken) is { } replay)
        {
            return replay;
        }

        var (settings, problems) = await CheckAsync(input, existing, cancellationToken);
        if (Merge(errors, problems) is { } refused)
        {
            return refused;
        }

        if (settings!.Audit(PromotionSettings.Of(existing)).Count == 0)
        {
            return EditResult<PromotionView>.Ok((await listing.FindAsync(id, cancellationToken))!, EditOutcome.Unchanged);
        }

        return await WriteAsync(id, AuditActions.PromotionUpdate, act, async (promotion, now, ct) =>
        {
            // Checked again against the row as it is now: a use taken since the form was read still locks the type.
            var (fresh, again) = await CheckAsync(input, promotion, ct);
            if (fresh is null)
            {
                throw new PromotionRefusedException(again);
            }

            var before = PromotionSettings.Of(promotion);
            if (fresh.Code != promotion.Code)
            {
                await EnsureCodeFreeAsync(fresh.Code, id, ct);
                await db.PromotionCodes.Where(c => c.PromotionId == id && c.Code == promotion.Code && c.MaxUses == null).ExecuteDeleteAsync(ct);
                AddSharedCode(id, fresh.Code, now);
            }

            fresh.ApplyTo(promotion);
            return (before.Audit(fresh), fresh.Audit(before));
        }, cancellationToken);
    }

    public Task<EditResult<PromotionView>> PauseAsync(long id, AdminAct act, CancellationToken cancellationToken) =>
        ChangeStateAsync(id, AuditActions.PromotionPause, act, p => p.StatusAt(Now) switch
        {
            PromotionStatus.Ended => "It has ended; there is nothing to pause.",
            PromotionStatus.Paused => "It is already paused.",
            _ => null,
        }, p => p.Paused = true, cancellationToken);

    public Task<EditResult<PromotionView>> ResumeAsync(long id, AdminAct act, CancellationToken cancellationToken) =>
        ChangeStateAsync(id, AuditActions.PromotionResume, act, p => p.StatusAt(Now) switch
        {
            PromotionStatus.Ended => "It has ended; it cannot be resumed.",
            _ when !p.Paused => "It is not paused.",
            _ => null,
        }, p => p.Paused = false, cancellationToken);

    public Task<EditResult<PromotionView>> EndAsync(long id, AdminAct act, CancellationToken cancellationToken) =>
        ChangeStateAsync(id, AuditActions.PromotionEnd, act, p => p.StatusAt(Now) == PromotionStatus.Ended ? $"It has already ended ({p.EndReason(Now)})." : null,
            p => p.EndedAt = Now, cancellationToken);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<EditResult<PromotionView>> ChangeStateAsync(long id, string action, AdminAct act, Func<Promotion, string?> whyNot,
        Action<Promotion> change, CancellationToken cancellationToken)
    {
        if (!await db.Promotions.AnyAsync(p => p.Id == id, cancellationToken))
        {
            return NotFound(id);
        }

        var errors = ActErrors(act);
        if (errors.Count == 0 && await ReplayAsync(id, action, act, cancellationToken) is { } replay)
        {
            return replay;
        }

        if (errors.Count > 0)
        {
            return EditResult<PromotionView>.Refused(errors);
        }

        return await WriteAsync(id, action, act, (promotion, _, _) =>
        {
            if (whyNot(promotion) is { } problem)
            {
                throw new PromotionRefusedException(new Dictionary<string, string> { ["status"] = problem });
            }

            var before = State(promotion);
            change(promotion);
            return Task.FromResult((before, State(promotion)));
        }, cancellationToken);
    }

    /// <summary>Loads the promotion inside the transaction, lets <paramref name="change"/> edit it, saves it with its audit row.</summary>
    private async Task<EditResult<PromotionView>> WriteAsync(long id, string action, AdminAct act,
        Func<Promotion, DateTime, CancellationToken, Task<(Dictionary<string, object?> Before, Dictionary<string, object?> After)>> change,
        CancellationToken cancellationToken)
    {
        try
        {
            var (_, replayed) = await audit.WriteOnceAsync(Key(act), async ct =>
            {
                db.ChangeTracker.Clear();
                var now = clock.GetUtcNow().UtcDateTime;
                var promotion = await db.Promotions.SingleAsync(p => p.Id == id, ct);
                var (before, after) = await change(promotion, now, ct);
                promotion.UpdatedAt = now;
                await db.SaveChangesAsync(ct);
                return new AuditRecord(act.Actor, action, AuditTargets.Promotion, id.ToString(), act.Reason!.Trim())
                {
                    Before = before,
                    After = after,
                    IdempotencyKey = Key(act),
                };
            }, cancellationToken);
            return replayed ? await ReplayAsync(id, action, act, cancellationToken) ?? NotFound(id)
                : EditResult<PromotionView>.Ok((await listing.FindAsync(id, cancellationToken))!);
        }
        catch (PromotionRefusedException ex)
        {
            db.ChangeTracker.Clear();
            return EditResult<PromotionView>.Refused(ex.Errors);
        }
    }

    private async Task<(PromotionSettings? Settings, Dictionary<string, string> Errors)> CheckAsync(PromotionInput input, Promotion? existing,
        CancellationToken cancellationToken)
    {
        var (packs, plans) = await TargetsAsync(cancellationToken);
        var code = PromotionCode.Normalize(input.Code);
        var taken = code.Length > 0 && code != existing?.Code && await db.PromotionCodes.AnyAsync(c => c.Code == code, cancellationToken);
        return PromotionRules.Validate(input, new RuleContext(Currencies, packs, plans, calendar.Zone, Now, existing, taken));
    }

    private async Task EnsureCodeFreeAsync(string? code, long? id, CancellationToken cancellationToken)
    {
        if (code is not null && await db.PromotionCodes.AnyAsync(c => c.Code == code && !(c.PromotionId == id && c.MaxUses == null), cancellationToken))
        {
            throw new PromotionRefusedException(new Dictionary<string, string>
            {
                ["code"] = $"The code {code} is already used by another promotion; choose another.",
            });
        }
    }

    private void AddSharedCode(long id, string? code, DateTime now)
    {
        if (code is not null)
        {
            db.PromotionCodes.Add(new PromotionCode { Code = code, PromotionId = id, CreatedAt = now });
        }
    }

    private static Dictionary<string, object?> State(Promotion p) => new() { ["paused"] = p.Paused, ["ended_at"] = p.EndedAt };

    /// <summary>An earlier write under this key: a replay when it was this very change to this promotion, else a conflict; null when the key is new.</summary>
    private async Task<EditResult<PromotionView>?> ReplayAsync(long id, string action, AdminAct act, CancellationToken cancellationToken) =>
        await EarlierAsync(act, cancellationToken) switch
        {
            null => null,
            var e when e.Action == action && e.TargetType == AuditTargets.Promotion && e.TargetId == id.ToString() => await ReplayedAsync(id, cancellationToken),
            _ => EditResult<PromotionView>.Refused(EditOutcome.Conflict, "idempotency_key", CatalogueRules.ReusedKeyMessage),
        };

    private async Task<EditResult<PromotionView>> ReplayedAsync(long id, CancellationToken cancellationToken) =>
        await listing.FindAsync(id, cancellationToken) is { } view ? EditResult<PromotionView>.Ok(view, EditOutcome.Replayed) : NotFound(id);

    private sealed record Earlier(string Action, string TargetType, string TargetId);

    private async Task<Earlier?> EarlierAsync(AdminAct act, CancellationToken cancellationToken) => Key(act) is { } key
        ? await db.AuditEntries.AsNoTracking().Where(e => e.IdempotencyKey == key)
            .Select(e => new Earlier(e.Action, e.TargetType, e.TargetId)).FirstOrDefaultAsync(cancellationToken)
        : null;

    private static string? Key(AdminAct act) => string.IsNullOrWhiteSpace(act.IdempotencyKey) ? null : $"promotion:{act.IdempotencyKey.Trim()}";

    private static Dictionary<string, string> ActErrors(AdminAct act)
    {
        var errors = new Dictionary<string, string>();
        if (act.Reason?.Trim() is not { Length: > 0 } reason)
        {
            errors["reason"] = "Give a reason: it is kept in the audit log.";
        }
        else if (reason.Length > AuditEntry.MaxReasonLength)
        {
            errors["reason"] = $"Keep the reason to {AuditEntry.MaxReasonLength} characters (it has {reason.Length}).";
        }

        if (!string.IsNullOrEmpty(act.IdempotencyKey) && SystemKeys.Validate(act.IdempotencyKey) is { } keyError)
        {
            errors["idempotency_key"] = char.ToUpperInvariant(keyError[0]) + keyError[1..];
        }

        return errors;
    }

    private static EditResult<PromotionView>? Merge(Dictionary<string, string> errors, Dictionary<string, string> more)
    {
        foreach (var (field, message) in more)
        {
            errors.TryAdd(field, message);
        }

        return errors.Count > 0 ? EditResult<PromotionView>.Refused(errors) : null;
    }

    private static EditResult<PromotionView> NotFound(long id) =>
        EditResult<PromotionView>.Refused(EditOutcome.NotFound, string.Empty, $"There is no promotion {id}.");

    private sealed class PromotionRefusedException(Dictionary<string, string> errors) : Exception("The promotion could not be saved.")
    {
        public Dictionary<string, string> Errors => errors;
    }
}
