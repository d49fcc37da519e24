using Microsoft.EntityFrameworkCore;

namespace TokenSaas.Ledger;

public sealed partial class LedgerService
{
    /// <summary>
    /// The history in words (<see cref="ActivityRow"/>), newest first. A row is keyed by its newest
    /// entry: a settled hold's entry is left out of the keyset and joins the capture or release
    /// that settled it, so a run is one row even when its entries fall on either side of a page.
    /// <see cref="LedgerFilter.Types"/> and the dates apply to that newest entry.
    /// </summary>
    public async Task<ActivityPage> GetActivityAsync(string userId, LedgerFilter filter, CancellationToken cancellationToken = default)
    {
        var account = await AccountAsync(userId, cancellationToken);
        var query = Filtered(account.Id, filter)
            .Where(e => e.Type != LedgerEntryType.Hold || db.Holds.Any(h => h.Id == e.HoldId && h.Status == HoldStatus.Held));
        var heads = await query.OrderByDescending(e => e.Id).Take(filter.Limit + 1).ToListAsync(cancellationToken);
        var next = heads.Count > filter.Limit ? heads[filter.Limit - 1].Id : (long?)null;
        heads = heads.Count > filter.Limit ? heads[..filter.Limit] : heads;

        var holdIds = heads.Where(e => e.HoldId is not null && e.Type != LedgerEntryType.Hold).Select(e => e.HoldId!.Value).ToList();
        var holds = holdIds.Count == 0 ? []
            : await db.LedgerEntries.AsNoTracking()
                .Where(e => e.AccountId == account.Id && e.Type == LedgerEntryType.Hold && holdIds.Contains(e.HoldId!.Value))
                .ToDictionaryAsync(e => e.HoldId!.Value, cancellationToken);

        var names = await features.NamesAsync(cancellationToken);
        string Name(string key) => Features.FeatureCatalog.Name(names, key);
        var rows = heads.Select(head => ActivityText.Row(
            head.HoldId is { } id && head.Type != LedgerEntryType.Hold && holds.TryGetValue(id, out var hold) ? [hold, head] : [head],
            Name)).ToList();
        return new ActivityPage(rows, next);
    }

    private IQueryable<LedgerEntry> Filtered(long accountId, LedgerFilter filter)
    {
        var query = db.LedgerEntries.AsNoTracking().Where(e => e.AccountId == accountId);
        if (filter.Type is { } type)
        {
            query = query.Where(e => e.Type == type);
        }

        if (filter.Types is { } types)
        {
            query = query.Where(e => types.Contains(e.Type));
        }

        if (filter.From is { } from)
        {
            query = query.Where(e => e.CreatedAt >= from);
        }

        if (filter.Until is { } until)
        {
            query = query.Where(e => e.CreatedAt < until);
        }

        if (filter.After is { } after)
        {
            query = query.Where(e => e.Id < after);
        }

        return query;
    }
}
