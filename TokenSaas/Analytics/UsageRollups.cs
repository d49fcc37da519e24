using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;
using TokenSaas.Ledger;
using TokenSaas.Promotions;

namespace TokenSaas.Analytics;

/// <summary>
/// Writes <see cref="UsageDay"/> and <see cref="ActiveDay"/> for closed days: a day whose end in the
/// site's time zone is more than <see cref="Margin"/> ago (the ledger stamps an entry when its batch
/// starts, so a commit can land a moment after the time it carries). Each day is one transaction
/// (delete, insert, mark), so a day is either wholly rolled or read from the ledger.
/// </summary>
public sealed class UsageRollups(AppDbContext db, UsageCounts counts, TokenCalendar calendar, TimeProvider clock)
{
    public static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);

    /// <summary>The last day that is closed at <paramref name="now"/>.</summary>
    public DateOnly LastClosedDay(DateTime now) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now - Margin, calendar.Zone)).AddDays(-1);

    /// <summary>Rolls every closed day since the first ledger entry that is not rolled yet; returns how many.</summary>
    public async Task<int> RollDueAsync(CancellationToken cancellationToken)
    {
        var first = await db.LedgerEntries.MinAsync(e => (DateTime?)e.CreatedAt, cancellationToken);
        if (first is not { } firstAt)
        {
            return 0;
        }

        var (from, to) = (DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(firstAt, calendar.Zone)),
            LastClosedDay(clock.GetUtcNow().UtcDateTime));
        var rolled = (await db.RolledDays.Where(r => r.Day >= from && r.Day <= to).Select(r => r.Day).ToListAsync(cancellationToken)).ToHashSet();
        var done = 0;
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            if (!rolled.Contains(day))
            {
                await RollAsync(day, cancellationToken);
                done++;
            }
        }

        return done;
    }

    /// <summary>(Re)writes one day's rollup from the ledger. Only for closed days: a day still open would be frozen short.</summary>
    public async Task RollAsync(DateOnly day, CancellationToken cancellationToken)
    {
        if (day > LastClosedDay(clock.GetUtcNow().UtcDateTime))
        {
            throw new InvalidOperationException($"{ReportRange.Text(day)} is not over yet; only closed days are rolled up.");
        }

        var rows = await counts.FromLedgerAsync(new ReportRange(day, day), cancellationToken);
        var active = await counts.ActiveAccounts(calendar.StartOf(day), calendar.StartOf(day.AddDays(1))).Distinct()
            .ToListAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.UsageDays.Where(u => u.Day == day).ExecuteDeleteAsync(cancellationToken);
        await db.ActiveDays.Where(a => a.Day == day).ExecuteDeleteAsync(cancellationToken);
        await db.RolledDays.Where(r => r.Day == day).ExecuteDeleteAsync(cancellationToken);
        db.UsageDays.AddRange(rows.Select(r => new UsageDay
        {
            Day = day, Type = r.Type, Bucket = r.Bucket, Feature = r.Feature, Entries = r.Entries, Tokens = r.Tokens, Uses = r.Uses,
        }));
        db.ActiveDays.AddRange(active.Select(id => new ActiveDay { Day = day, AccountId = id }));
        db.RolledDays.Add(new RolledDay { Day = day, RolledAt = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }
}
