using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;
using TokenSaas.Ledger;

namespace TokenSaas.Promotions;

public sealed record Redeemed(string Code, long Tokens, DateTime? ExpiresAt, long Balance);

/// <summary>
/// A free-token code turned into tokens: a use is reserved, the tokens granted to the bonus bucket
/// under the redemption's own key (so a retry grants once), then the use is counted.
/// </summary>
public sealed class FreeTokenRedeemer(AppDbContext db, PromotionQuotes quotes, Redemptions redemptions, LedgerService ledger,
    TimeProvider clock, ILogger<FreeTokenRedeemer> logger)
{
    public async Task<LedgerResult<Redeemed>> RedeemAsync(string userId, string? typedCode, string? ip, CancellationToken cancellationToken)
    {
        var (quote, reason) = await quotes.FreeTokensAsync(userId, typedCode, cancellationToken);
        if (quote is null)
        {
            return new LedgerFailure(LedgerError.Invalid, reason!);
        }

        long redemptionId;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            if (await redemptions.ReserveAsync(quote, userId, null, null, ip, cancellationToken) is { } refused)
            {
                return new LedgerFailure(LedgerError.Invalid, refused);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation())
            {
                db.ChangeTracker.Clear();
                return new LedgerFailure(LedgerError.Invalid, "You have already used this code.");
            }

            await transaction.CommitAsync(cancellationToken);
            redemptionId = db.ChangeTracker.Entries<Redemption>().Single().Entity.Id;
            db.ChangeTracker.Clear();
        }

        return await GrantAsync(redemptionId, cancellationToken);
    }

    /// <summary>Grants a reserved free-token redemption's tokens and counts it; run again for one a crash left reserved.</summary>
    public async Task<LedgerResult<Redeemed>> GrantAsync(long redemptionId, CancellationToken cancellationToken)
    {
        var redemption = await db.Redemptions.AsNoTracking().SingleAsync(r => r.Id == redemptionId, cancellationToken);
        var days = await db.Promotions.Where(p => p.Id == redemption.PromotionId).Select(p => p.TokenExpiryDays).SingleAsync(cancellationToken);
        var expiresAt = days is { } d ? redemption.CreatedAt.AddDays(d) : (DateTime?)null;
        var granted = await ledger.GrantAsync(redemption.UserId, new TokenGrant(GrantBucket.Bonus, redemption.Tokens, "promotion",
            $"promotion:redeem:{redemption.Id}", "promotion", $"Code {redemption.Code}")
        {
            ExpiresAt = expiresAt, CorrelationId = $"redemption:{redemption.Id}",
        }, cancellationToken);
        if (granted.Failure is { } failure)
        {
            logger.LogWarning("Redeeming {Code} for {UserId} failed: {Message}", redemption.Code, redemption.UserId, failure.Message);
            await redemptions.FreeAsync(redemption.Id, "the tokens could not be granted", cancellationToken);
            return failure;
        }

        await redemptions.CountAsync(redemption.Id, cancellationToken);
        return new Redeemed(redemption.Code, redemption.Tokens, expiresAt, granted.Value!.Balance);
    }

    /// <summary>Free-token redemptions a stopped process left reserved: their grant is made (or found) and they are counted.</summary>
    public async Task<int> SweepAsync(TimeSpan after, CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow().UtcDateTime - after;
        var stale = await db.Redemptions.AsNoTracking()
            .Where(r => r.Status == RedemptionStatus.Reserved && r.PaymentId == null && r.UpdatedAt <= before)
            .OrderBy(r => r.UpdatedAt).Select(r => r.Id).Take(200).ToListAsync(cancellationToken);
        foreach (var id in stale)
        {
            await GrantAsync(id, cancellationToken);
        }

        return stale.Count;
    }
}
