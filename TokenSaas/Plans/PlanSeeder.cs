using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;

namespace TokenSaas.Plans;

/// <summary>Seed 003's plans. Only missing plans are added, so an admin's edits stay.</summary>
public sealed class PlanSeeder(AppDbContext db, TimeProvider clock)
{
    public const string Actor = "system";

    public static IReadOnlyList<Plan> Defaults(DateTime now) =>
    [
        With(new Plan(Plan.Basic, "Basic", 1_000, null, "1,000 tokens every month, free forever.", 10), now, ("INR", 0), ("USD", 0)),
        With(new Plan("standard", "Standard", 10_000, 30, "10,000 tokens a month for 30 days.", 20), now, ("INR", 2_900), ("USD", 500)),
        With(new Plan("premium", "Premium", 50_000, 30, "50,000 tokens a month for 30 days.", 30), now, ("INR", 9_900), ("USD", 1_500)),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.AddMissingAsync(Defaults(now), p => p.Key, cancellationToken);

        // Plans from before versions existed get their terms as version 1 (what every account is on).
        var unversioned = await db.Plans.Include(p => p.Prices).Where(p => !p.Versions.Any()).ToListAsync(cancellationToken);
        foreach (var plan in unversioned)
        {
            db.PlanVersions.Add(FirstVersion(plan, plan.Prices.Select(p => new Price(p.Currency, p.Amount)).ToList(), now));
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            db.ChangeTracker.Clear(); // another instance backfilled them first
        }
    }

    private static Plan With(Plan plan, DateTime now, params (string Currency, long Amount)[] prices)
    {
        plan.Publish(FirstVersion(plan, prices.Select(p => new Price(p.Currency, p.Amount)).ToList(), now));
        return plan;
    }

    private static PlanVersion FirstVersion(Plan plan, IReadOnlyList<Price> prices, DateTime now) =>
        new(plan.Key, 1, plan.MonthlyTokens, plan.DurationDays, prices, null, "Initial terms", Actor, Actor, now);
}
