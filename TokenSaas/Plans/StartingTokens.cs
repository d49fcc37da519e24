using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;
using TokenSaas.Ledger;

namespace TokenSaas.Plans;

/// <summary>
/// What a new account opens with, from the same settings and plan the ledger grants at sign-up:
/// the welcome bonus, today's daily allowance and the free plan's monthly quota.
/// </summary>
public sealed record StartingTokens(long WelcomeBonus, long DailyFree, long PlanTokens, string? PlanName)
{
    public long Total => WelcomeBonus + DailyFree + PlanTokens;

    /// <summary>From plans already loaded (the pricing page's); without the basic plan among them, no quota is promised.</summary>
    public static StartingTokens From(TokensOptions tokens, IEnumerable<Plan> plans) =>
        plans.FirstOrDefault(p => p.Key == Plan.Basic) is { } basic
            ? new StartingTokens(tokens.WelcomeBonus, tokens.DailyFree, basic.MonthlyTokens, basic.Name)
            : new StartingTokens(tokens.WelcomeBonus, tokens.DailyFree, 0, null);

    /// <summary>New accounts go on the basic plan (on sale or not) and get its current quota.</summary>
    public static async Task<StartingTokens> LoadAsync(AppDbContext db, TokensOptions tokens, CancellationToken cancellationToken)
    {
        // The version is what the ledger grants (LedgerStore.FindPlan), so read its quota rather than the plan row's.
        var basic = await db.Plans.AsNoTracking().Where(p => p.Key == Plan.Basic)
            .Select(p => new
            {
                p.Name,
                MonthlyTokens = db.PlanVersions.Where(v => v.PlanKey == p.Key && v.Number == p.Version).Select(v => v.MonthlyTokens).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        return new StartingTokens(tokens.WelcomeBonus, tokens.DailyFree, basic?.MonthlyTokens ?? 0, basic?.Name);
    }

    /// <summary>The parts in words: "a 10-token welcome bonus, today's 5 daily tokens and the Basic plan's 1,000 tokens for this month".</summary>
    public string Parts()
    {
        var parts = new List<string>();
        if (WelcomeBonus > 0)
        {
            parts.Add($"a {WelcomeBonus:N0}-token welcome bonus");
        }

        if (DailyFree > 0)
        {
            parts.Add($"today's {DailyFree:N0} daily tokens");
        }

        if (PlanTokens > 0)
        {
            parts.Add($"the {PlanName} plan's {PlanTokens:N0} tokens for this month");
        }

        return parts.Count switch
        {
            0 => "nothing free yet",
            1 => parts[0],
            _ => string.Join(", ", parts[..^1]) + " and " + parts[^1],
        };
    }
}
