using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;
using TokenSaas.Infrastructure;
using TokenSaas.Promotions;
using static TokenSaas.Infrastructure.CsvOut;

namespace TokenSaas.Analytics.Exports;

/// <summary>
/// The rows of each export for [start, end) in UTC. Each is one query read row by row as the database
/// returns it (no list of rows is ever built), in (time, id) order, which the time indexes give.
/// </summary>
public sealed class ExportRows(AppDbContext db)
{
    public async Task LedgerAsync(CsvOut csv, DateTime start, DateTime end, CancellationToken cancellationToken)
    {
        var entries =
            from e in db.LedgerEntries.AsNoTracking()
            where e.CreatedAt >= start && e.CreatedAt < end
            join a in db.TokenAccounts.AsNoTracking() on e.AccountId equals a.Id
            join u in db.Users.AsNoTracking() on a.UserId equals u.Id into owners
            from u in owners.DefaultIfEmpty()
            orderby e.CreatedAt, e.Id
            select new
            {
                e.Id, e.CreatedAt, a.UserId, u.Email, e.AccountId, e.Type, e.Bucket, e.Feature, e.Quantity, e.Amount, e.BalanceAfter,
                e.Description, e.CorrelationId,
            };
        await foreach (var e in entries.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            await csv.RowAsync(Number(e.Id), Time(e.CreatedAt), Text(e.UserId), Text(e.Email), Number(e.AccountId), Snake(e.Type),
                Snake(e.Bucket), Text(e.Feature), Number(e.Quantity), Number(e.Amount), Number(e.BalanceAfter), Text(e.Description),
                Text(e.CorrelationId));
        }
    }

    public async Task PaymentsAsync(CsvOut csv, DateTime start, DateTime end, CancellationToken cancellationToken)
    {
        var payments =
            from p in db.Payments.AsNoTracking()
            where p.CreatedAt >= start && p.CreatedAt < end
            join u in db.Users.AsNoTracking() on p.UserId equals u.Id into buyers
            from u in buyers.DefaultIfEmpty()
            orderby p.CreatedAt, p.Id
            select new { Payment = p, u.Email };
        await foreach (var row in payments.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var (p, email) = (row.Payment, row.Email);
            await csv.RowAsync(Text(p.Id), Text(p.UserId), Text(email), Text(p.Gateway), Snake(p.Kind), Text(p.ItemKey), Number(p.Tokens),
                Number(p.BonusTokens), Number(p.ListAmount), Number(p.Discount), Number(p.Amount), Text(p.Currency), Snake(p.Status),
                Text(p.PromotionCode), Text(p.PromotionVariant), Time(p.CreatedAt), Time(p.PaidAt));
        }
    }

    public async Task UsersAsync(CsvOut csv, DateTime start, DateTime end, CancellationToken cancellationToken)
    {
        var users =
            from u in db.Users.AsNoTracking()
            where u.CreatedAt >= start && u.CreatedAt < end
            join a in db.TokenAccounts.AsNoTracking() on u.Id equals a.UserId into accounts
            from a in accounts.DefaultIfEmpty()
            orderby u.CreatedAt, u.Id
            select new
            {
                u.Id, u.Email, u.EmailConfirmed, u.CreatedAt, Plan = a == null ? null : a.PlanKey, Balance = a == null ? (long?)null : a.Balance,
                Unlimited = a != null && a.Unlimited, Purchased = a == null ? (long?)null : a.LifetimePurchased,
                Spent = a == null ? (long?)null : a.LifetimeSpent, LastActive = a == null ? null : a.LastActiveAt,
            };
        await foreach (var u in users.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            await csv.RowAsync(Text(u.Id), Text(u.Email), Bool(u.EmailConfirmed), Time(u.CreatedAt), Text(u.Plan), Number(u.Balance),
                Bool(u.Unlimited), Number(u.Purchased), Number(u.Spent), Time(u.LastActive));
        }
    }

    /// <summary>Every promotion (few), each beside the uses counted in the range, summed per currency by the database.</summary>
    public async Task PromotionsAsync(CsvOut csv, DateTime start, DateTime end, DateTime now, CancellationToken cancellationToken)
    {
        var counted = (await db.Redemptions.AsNoTracking()
                .Where(r => r.Status == RedemptionStatus.Counted && r.CountedAt >= start && r.CountedAt < end)
                .GroupBy(r => new { r.PromotionId, r.Currency })
                .Select(g => new
                {
                    g.Key.PromotionId, g.Key.Currency, Uses = g.Count(), Gross = g.Sum(r => r.ListAmount), Discount = g.Sum(r => r.Discount),
                    Net = g.Sum(r => r.FinalAmount), Tokens = g.Sum(r => r.Tokens),
                })
                .ToListAsync(cancellationToken))
            .ToLookup(g => g.PromotionId);
        await foreach (var p in db.Promotions.AsNoTracking().OrderBy(p => p.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            string[] promotion =
            [
                Number(p.Id), Text(p.Name), Snake(p.Type), Number(p.Value), Text(p.Currency), Text(p.Code), Snake(p.StatusAt(now)),
                Time(p.StartsAt), Time(p.EndsAt), Number(p.MaxRedemptions), Number(p.PerUserLimit), Number(p.Budget), Number(p.Reserved),
                Number(p.Redeemed), Number(p.BudgetUsed), Time(p.CreatedAt),
            ];
            var figures = counted[p.Id].OrderBy(g => g.Currency, StringComparer.Ordinal).ToList();
            if (figures.Count == 0)
            {
                await csv.RowAsync([.. promotion, string.Empty, "0", "0", "0", "0", "0"]);
            }

            foreach (var g in figures)
            {
                await csv.RowAsync([.. promotion, Text(g.Currency), Number(g.Uses), Number(g.Gross), Number(g.Discount), Number(g.Net),
                    Number(g.Tokens)]);
            }
        }
    }

    public async Task RedemptionsAsync(CsvOut csv, DateTime start, DateTime end, CancellationToken cancellationToken)
    {
        var uses =
            from r in db.Redemptions.AsNoTracking()
            where r.CreatedAt >= start && r.CreatedAt < end
            join p in db.Promotions.AsNoTracking() on r.PromotionId equals p.Id
            join u in db.Users.AsNoTracking() on r.UserId equals u.Id into buyers
            from u in buyers.DefaultIfEmpty()
            orderby r.CreatedAt, r.Id
            select new { Use = r, Promotion = p.Name, u.Email };
        await foreach (var row in uses.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var r = row.Use;
            await csv.RowAsync(Number(r.Id), Number(r.PromotionId), Text(row.Promotion), Text(r.Code), Text(r.UserId), Text(row.Email),
                Text(r.Variant), Snake(r.Status), Text(r.Currency), Number(r.ListAmount), Number(r.Discount), Number(r.FinalAmount),
                Number(r.Tokens), Text(r.PaymentId), Time(r.CreatedAt), Time(r.CountedAt));
        }
    }
}
