using Microsoft.EntityFrameworkCore;
using TokenSaas.Admin;
using TokenSaas.Audit;
using TokenSaas.Data;
using TokenSaas.Ledger;

namespace TokenSaas.Payments;

/// <summary>A pack's price in one currency, in minor units.</summary>
public sealed record PriceView(string Currency, long Amount);

/// <summary>A pack as the admin console shows it and the admin API returns it.</summary>
public sealed record PackView(string Key, string Name, long Tokens, long BonusTokens, IReadOnlyList<PriceView> Prices, bool Active,
    int SortOrder)
{
    public static PackView Of(Pack pack) => new(pack.Key, pack.Name, pack.Tokens, pack.BonusTokens,
        pack.Prices.OrderBy(p => p.Currency).Select(p => new PriceView(p.Currency, p.Amount)).ToList(), pack.Active, pack.SortOrder);
}

/// <summary>What an admin asks of a pack: a null field stays as it is (on a new pack: its default, where it has one).</summary>
public sealed record PackChange(string? Name = null, long? Tokens = null, long? BonusTokens = null,
    IReadOnlyList<PriceInput?>? Prices = null, bool? Active = null, int? SortOrder = null);

/// <summary>
/// Creates and changes packs: checked field by field, each write in one transaction with its
/// audit row (before, after, reason), once per idempotency key. Payments already started keep
/// the price and tokens they were created with: they are stored on the payment.
/// </summary>
public sealed class PackEditor(AppDbContext db, AuditLog audit, PackCatalog catalog)
    : ICatalogueEditor<PackChange, PackView>
{
    public const long MaxTokens = 10_000_000;
    public const int MaxNameLength = 60;

    public static readonly string TokensMessage = $"Enter the tokens as a whole number from 1 to {MaxTokens:N0}.";
    public static readonly string BonusMessage = $"Enter the bonus tokens as a whole number from 0 to {MaxTokens:N0} (0 for none).";

    /// <summary>Currencies a pack may be priced in: those a gateway here can charge.</summary>
    public IReadOnlySet<string> Currencies => catalog.KnownCurrencies;

    public async Task<IReadOnlyList<PackView>> ListAsync(bool? active, CancellationToken cancellationToken)
    {
        var packs = db.Packs.AsNoTracking();
        if (active is { } wanted)
        {
            packs = packs.Where(p => p.Active == wanted);
        }

        return (await packs.OrderBy(p => p.SortOrder).ThenBy(p => p.Key).ToListAsync(cancellationToken)).Select(PackView.Of).ToList();
    }

    public async Task<PackView?> FindAsync(string key, CancellationToken cancellationToken) =>
        await db.Packs.AsNoTracking().SingleOrDefaultAsync(p => p.Key == key, cancellationToken) is { } pack ? PackView.Of(pack) : null;

    /// <summary>What a token costs a buyer of <paramref name="pack"/> in each currency (minor units), counting every bonus they get.</summary>
    public IReadOnlyDictionary<string, decimal> PricePerToken(PackView pack) => pack.Prices.ToDictionary(p => p.Currency,
        p => (decimal)p.Amount / (pack.Tokens + catalog.TotalBonus(pack.Tokens, pack.BonusTokens, p.Amount, p.Currency)));

    /// <summary>The confirm step: what <paramref name="change"/> would change, or why it cannot be saved; writes nothing.</summary>
    public async Task<EditResult<IReadOnlyList<FieldChange>>> PreviewAsync(string? key, bool creating, PackChange change, string? reason,
        bool requireReason, CancellationToken cancellationToken)
    {
        var check = await CheckAsync(key, creating, change, cancellationToken);
        return check.Preview(check.Target is null ? [] : Diff(check.Current, check.Target), reason, requireReason);
    }

    public async Task<EditResult<PackView>> CreateAsync(string? key, PackChange change, AdminAct act, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        CatalogueRules.Act(act, errors);
        if (errors.Count == 0
            && await CatalogueRules.ReplayAsync(db, act.IdempotencyKey, AuditTargets.Pack, key, FindAsync, cancellationToken) is { } replay)
        {
            return replay;
        }

        var check = await CheckAsync(key, creating: true, change, cancellationToken);
        if (check.Refusal(errors) is { } refused)
        {
            return refused.Outcome == EditOutcome.Conflict && errors.Count == 0 ? await TakenAsync(key!, act, cancellationToken) : refused;
        }

        var target = check.Target!;
        var record = new AuditRecord(act.Actor, AuditActions.PackCreate, AuditTargets.Pack, target.Key, act.Reason!.Trim())
        {
            After = CatalogueRules.Audit(Diff(null, target)).After,
            IdempotencyKey = act.IdempotencyKey,
        };
        try
        {
            var (_, replayed) = await audit.WriteOnceAsync(record, async ct =>
            {
                if (await db.Packs.AnyAsync(p => p.Key == target.Key, ct))
                {
                    throw new CatalogueKeyTakenException();
                }

                var pack = new Pack(target.Key, target.Name, target.Tokens, target.BonusTokens, Prices(target), target.SortOrder);
                pack.Update(target.Name, target.Tokens, target.BonusTokens, Prices(target), target.Active, target.SortOrder);
                db.Packs.Add(pack);
                await db.SaveChangesAsync(ct);
            }, cancellationToken);
            return replayed ? await AfterRaceAsync(target.Key, act, cancellationToken)
                : EditResult<PackView>.Ok((await FindAsync(target.Key, cancellationToken))!);
        }
        catch (CatalogueKeyTakenException)
        {
            db.ChangeTracker.Clear();
            return await TakenAsync(target.Key, act, cancellationToken);
        }
    }

    public async Task<EditResult<PackView>> UpdateAsync(string key, PackChange change, AdminAct act, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        CatalogueRules.Act(act, errors);
        if (errors.Count == 0
            && await CatalogueRules.ReplayAsync(db, act.IdempotencyKey, AuditTargets.Pack, key, FindAsync, cancellationToken) is { } replay)
        {
            return replay;
        }

        var check = await CheckAsync(key, creating: false, change, cancellationToken);
        if (check.Refusal(errors) is { } refused)
        {
            return refused;
        }

        if (Diff(check.Current, check.Target!).Count == 0)
        {
            return EditResult<PackView>.Ok(check.Current!, EditOutcome.Unchanged);
        }

        // Filled in the transaction from the row as it is then, so the audit row says what really changed.
        var (before, after) = (new Dictionary<string, object?>(), new Dictionary<string, object?>());
        var record = new AuditRecord(act.Actor, AuditActions.PackUpdate, AuditTargets.Pack, key, act.Reason!.Trim())
        {
            Before = before,
            After = after,
            IdempotencyKey = act.IdempotencyKey,
        };
        var (_, replayed) = await audit.WriteOnceAsync(record, async ct =>
        {
            var pack = await db.Packs.SingleAsync(p => p.Key == key, ct);
            var current = PackView.Of(pack);
            var target = Merge(current, change);
            before.Clear();
            after.Clear();
            foreach (var c in Diff(current, target))
            {
                (before[c.Field], after[c.Field]) = (c.Before, c.After);
            }

            pack.Update(target.Name, target.Tokens, target.BonusTokens, Prices(target), target.Active, target.SortOrder);
            await db.SaveChangesAsync(ct);
        }, cancellationToken);
        return replayed ? await AfterRaceAsync(key, act, cancellationToken)
            : EditResult<PackView>.Ok((await FindAsync(key, cancellationToken))!);
    }

    private async Task<CatalogueCheck<PackView>> CheckAsync(string? key, bool creating, PackChange change, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        PackView? current = null;
        if (creating)
        {
            if (CatalogueRules.Key(key, Pack.MaxKeyLength, "pack") is { } keyError)
            {
                errors["Key"] = keyError;
            }
            else if (await db.Packs.AnyAsync(p => p.Key == key, cancellationToken))
            {
                return new CatalogueCheck<PackView>(null, null, new() { ["Key"] = Taken(key!) }, EditOutcome.Conflict);
            }
        }
        else if ((current = await FindAsync(key ?? string.Empty, cancellationToken)) is null)
        {
            return new CatalogueCheck<PackView>(null, null, new() { [string.Empty] = $"There is no pack '{key}'." }, EditOutcome.NotFound);
        }

        var basis = current ?? new PackView(key ?? string.Empty, string.Empty, 0, 0, [], true, await NextSortOrderAsync(cancellationToken));
        if (change.Prices is { } prices)
        {
            var problem = prices.Any(p => p is null) ? "Each price needs a currency and an amount."
                : PriceRules.Validate(prices.Select(p => p!).ToList(), Currencies, allowFree: false);
            if (problem is not null)
            {
                errors["Prices"] = problem;
            }
        }
        else if (creating)
        {
            errors["Prices"] = "Give a price in at least one currency.";
        }

        var target = Merge(basis, errors.ContainsKey("Prices") ? change with { Prices = null } : change);
        Add("Name", CatalogueRules.Text(target.Name, "pack's name", MaxNameLength, required: true));
        Add("Tokens", target.Tokens is < 1 or > MaxTokens ? TokensMessage : null);
        Add("BonusTokens", target.BonusTokens is < 0 or > MaxTokens ? BonusMessage : null);
        Add("SortOrder", target.SortOrder is < 0 or > CatalogueRules.MaxSortOrder ? CatalogueRules.SortOrderMessage : null);
        return errors.Count == 0 ? new CatalogueCheck<PackView>(current, target, errors, EditOutcome.Done)
            : new CatalogueCheck<PackView>(current, null, errors, EditOutcome.Invalid);

        void Add(string field, string? message)
        {
            if (message is not null)
            {
                errors.TryAdd(field, message);
            }
        }
    }

    private static PackView Merge(PackView current, PackChange change) => current with
    {
        Name = change.Name?.Trim() ?? current.Name,
        Tokens = change.Tokens ?? current.Tokens,
        BonusTokens = change.BonusTokens ?? current.BonusTokens,
        Prices = change.Prices is { } prices
            ? PriceRules.Normalise(prices.Select(p => p!).ToList()).Select(p => new PriceView(p.Currency, p.Amount)).ToList()
            : current.Prices,
        Active = change.Active ?? current.Active,
        SortOrder = change.SortOrder ?? current.SortOrder,
    };

    /// <summary>Field by field, what differs (every field when <paramref name="before"/> is null: a new pack).</summary>
    public static List<FieldChange> Diff(PackView? before, PackView after)
    {
        var changes = new List<FieldChange>();
        Add("key", "Key", before?.Key, after.Key, v => v.ToString()!);
        Add("name", "Name", before?.Name, after.Name, v => v.ToString()!);
        Add("tokens", "Tokens", before?.Tokens, after.Tokens, v => ((long)v).ToString("N0"));
        Add("bonus_tokens", "Bonus tokens", before?.BonusTokens, after.BonusTokens, v => ((long)v).ToString("N0"));
        foreach (var currency in (before?.Prices ?? []).Concat(after.Prices).Select(p => p.Currency).Distinct().Order())
        {
            Add($"price_{currency.ToLowerInvariant()}", $"Price in {currency}", before?.Prices.FirstOrDefault(p => p.Currency == currency)?.Amount,
                after.Prices.FirstOrDefault(p => p.Currency == currency)?.Amount, v => Money.Format((long)v, currency), "not sold");
        }

        Add("active", "Status", before?.Active, after.Active, v => (bool)v ? "on sale" : "hidden");
        Add("sort_order", "Sort order", before?.SortOrder, after.SortOrder, v => ((int)v).ToString("N0"));
        return changes;

        void Add(string field, string label, object? was, object? now, Func<object, string> text, string none = "—")
        {
            if (before is null || !Equals(was, now))
            {
                changes.Add(new FieldChange(field, label, was, now, was is null ? none : text(was), now is null ? none : text(now)));
            }
        }
    }

    // Another request under the same idempotency key committed first: answer as its replay, or as a conflict if it was another change.
    private async Task<EditResult<PackView>> AfterRaceAsync(string key, AdminAct act, CancellationToken cancellationToken) =>
        await CatalogueRules.ReplayAsync(db, act.IdempotencyKey, AuditTargets.Pack, key, FindAsync, cancellationToken)
        ?? EditResult<PackView>.Refused(EditOutcome.Conflict, "IdempotencyKey", CatalogueRules.ReusedKeyMessage);

    // The key is taken: by this very submit, committed by a twin request meanwhile (a replay), or by another (a conflict).
    private async Task<EditResult<PackView>> TakenAsync(string key, AdminAct act, CancellationToken cancellationToken) =>
        await CatalogueRules.ReplayAsync(db, act.IdempotencyKey, AuditTargets.Pack, key, FindAsync, cancellationToken) is { Outcome: EditOutcome.Replayed } replay
            ? replay
            : EditResult<PackView>.Refused(EditOutcome.Conflict, "Key", Taken(key));

    private async Task<int> NextSortOrderAsync(CancellationToken cancellationToken) =>
        Math.Min(CatalogueRules.MaxSortOrder, (await db.Packs.MaxAsync(p => (int?)p.SortOrder, cancellationToken) ?? 0) + 10);

    private static List<PackPrice> Prices(PackView pack) => pack.Prices.Select(p => new PackPrice(p.Currency, p.Amount)).ToList();

    private static string Taken(string key) => $"A pack with the key '{key}' already exists; choose another key.";
}
