using TokenSaas.Data;

namespace TokenSaas.Plans;

/// <summary>Seed 003's plans. Only missing plans are added, so an admin's edits stay.</summary>
public sealed class PlanSeeder(AppDbContext db)
{
    public static IReadOnlyList<Plan> Defaults() =>
    [
        With(new Plan(Plan.Basic, "Basic", 1_000, null, "1,000 tokens every month, free forever.", 10), ("INR", 0), ("USD", 0)),
        With(new Plan("standard", "Standard", 10_000, 30, "10,000 tokens a month for 30 days.", 20), ("INR", 2_900), ("USD", 500)),
        With(new Plan("premium", "Premium", 50_000, 30, "50,000 tokens a month for 30 days.", 30), ("INR", 9_900), ("USD", 1_500)),
    ];

    public Task SeedAsync(CancellationToken cancellationToken = default) => db.AddMissingAsync(Defaults(), p => p.Key, cancellationToken);

    private static Plan With(Plan plan, params (string Currency, long Amount)[] prices)
    {
        plan.Prices.AddRange(prices.Select(p => new PlanPrice(p.Currency, p.Amount)));
        return plan;
    }
}
