using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TokenSaas.Data;
using TokenSaas.Identity;

namespace TokenSaas.Promotions;

/// <summary>Two sample promotions for the demo site (Demo:Seed): a first-purchase discount and a free-token code.</summary>
public sealed class PromotionSeeder(AppDbContext db, IOptions<DemoOptions> demo, TimeProvider clock)
{
    public static IReadOnlyList<Promotion> Samples(DateTime now) =>
    [
        new()
        {
            Name = "Welcome: 10 % off a first purchase", Type = PromotionType.PercentOff, Value = 10, AllPacks = true, NewBuyersOnly = true,
            Code = "WELCOME10", CreatedAt = now, UpdatedAt = now, CreatedBy = "demo seed",
        },
        new()
        {
            Name = "50 free tokens", Type = PromotionType.FreeTokens, Value = 50, TokenExpiryDays = 30, MaxRedemptions = 1_000,
            Code = "FREE50", CreatedAt = now, UpdatedAt = now, CreatedBy = "demo seed",
        },
    ];

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        if (!demo.Value.Seed)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var sample in Samples(now))
        {
            if (await db.PromotionCodes.AnyAsync(c => c.Code == sample.Code, cancellationToken))
            {
                continue;
            }

            db.Promotions.Add(sample);
            await db.SaveChangesAsync(cancellationToken);
            db.PromotionCodes.Add(new PromotionCode { Code = sample.Code!, PromotionId = sample.Id, CreatedAt = now });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation())
            {
                // Another instance seeded it at the same moment: this copy goes.
                db.ChangeTracker.Clear();
                await db.Promotions.Where(p => p.Id == sample.Id).ExecuteDeleteAsync(cancellationToken);
            }
        }
    }
}
