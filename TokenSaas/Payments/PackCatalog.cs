using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TokenSaas.Data;

namespace TokenSaas.Payments;

/// <summary>A pack as sold now in one currency: its price, its bonus (the pack's own and the bulk bonus) and the gateways that charge it.</summary>
public sealed record PackOffer(Pack Pack, string Currency, long Amount, long BonusTokens, IReadOnlyList<string> Gateways);

/// <summary>The packs on offer and the prices of what can be bought; the server, never the browser, sets prices.</summary>
public sealed class PackCatalog(AppDbContext db, Plans.PlanCatalog plans, IEnumerable<IPaymentGateway> gateways,
    IOptions<PaymentsOptions> options)
{
    public IReadOnlyList<IPaymentGateway> EnabledGateways => gateways.Where(g => g.Enabled).ToList();

    /// <summary>Currencies a gateway here can charge (enabled or not): the ones an admin may price in.</summary>
    public IReadOnlySet<string> KnownCurrencies => gateways.SelectMany(g => g.Currencies).ToHashSet();

    /// <summary>Every active pack in every currency it is priced in.</summary>
    public async Task<IReadOnlyList<PackOffer>> OffersAsync(CancellationToken cancellationToken = default)
    {
        var packs = await db.Packs.AsNoTracking().Where(p => p.Active).OrderBy(p => p.SortOrder).ThenBy(p => p.Key)
            .ToListAsync(cancellationToken);
        return packs.SelectMany(p => p.Prices.Select(price => Offer(p, price))).OrderBy(o => o.Currency).ToList();
    }

    /// <summary>
    /// What <paramref name="key"/> costs <paramref name="userId"/> through <paramref name="gateway"/>, in
    /// <paramref name="currency"/> (or the first the gateway charges), or why it cannot be bought that way.
    /// </summary>
    public async Task<(PaymentItem? Item, string? Error)> PriceAsync(string userId, PaymentKind kind, string? key, string? gateway,
        CancellationToken cancellationToken = default, string? currency = null)
    {
        var through = EnabledGateways.FirstOrDefault(g => g.Key == gateway);
        return through is null
            ? (null, $"unknown or disabled gateway '{gateway}'")
            : await PriceAsync(userId, kind, key, c => through.Currencies.Contains(c) && (currency is null || c == currency),
                $"{through.DisplayName} does not sell", cancellationToken);
    }

    /// <summary>What <paramref name="key"/> costs in <paramref name="currency"/> (or its first currency an enabled gateway charges), for a quote.</summary>
    public Task<(PaymentItem? Item, string? Error)> QuoteAsync(string userId, PaymentKind kind, string? key, string? currency,
        CancellationToken cancellationToken = default)
    {
        var sold = EnabledGateways.SelectMany(g => g.Currencies).ToHashSet();
        return PriceAsync(userId, kind, key, c => sold.Contains(c) && (currency is null || c == currency),
            currency is null ? "No payment method here sells" : $"There is no price in {currency} for", cancellationToken);
    }

    private async Task<(PaymentItem? Item, string? Error)> PriceAsync(string userId, PaymentKind kind, string? key, Func<string, bool> payable,
        string notSold, CancellationToken cancellationToken)
    {
        if (kind == PaymentKind.Pack)
        {
            var pack = await db.Packs.AsNoTracking().SingleOrDefaultAsync(p => p.Key == key && p.Active, cancellationToken);
            if (pack is null)
            {
                return (null, $"unknown pack '{key}'");
            }

            var price = pack.Prices.Where(p => payable(p.Currency)).OrderBy(p => p.Currency).FirstOrDefault();
            if (price is null)
            {
                return (null, $"{notSold} the {pack.Name} pack");
            }

            var offer = Offer(pack, price);
            return (new PaymentItem(kind, pack.Key, pack.Name, pack.Tokens, offer.BonusTokens, offer.Amount, offer.Currency), null);
        }

        var plan = await plans.OfferAsync(userId, key, cancellationToken);
        var planPrice = plan?.Version.Prices.Where(p => p.Amount > 0 && payable(p.Currency)).OrderBy(p => p.Currency).FirstOrDefault();
        return plan is null ? (null, $"unknown plan '{key}'")
            : planPrice is null ? (null, $"{notSold} the {plan.Plan.Name} plan")
            : (new PaymentItem(kind, plan.Plan.Key, plan.Plan.Name, 0, 0, planPrice.Amount, planPrice.Currency)
                { PlanVersion = plan.Version.Number }, null);
    }

    /// <summary>Tokens a buyer gets on top of the pack's own at this price: the pack's bonus and the bulk bonus.</summary>
    public long TotalBonus(long tokens, long bonusTokens, long amount, string currency) => bonusTokens + Bonus(tokens, amount, currency);

    private PackOffer Offer(Pack pack, PackPrice price) =>
        new(pack, price.Currency, price.Amount, pack.BonusTokens + Bonus(pack.Tokens, price.Amount, price.Currency), GatewaysFor(price.Currency));

    private long Bonus(long tokens, long amount, string currency) =>
        options.Value.BulkBonusThreshold.TryGetValue(currency, out var threshold) && amount >= threshold
            ? tokens * options.Value.BulkBonusPercent / 100
            : 0;

    private IReadOnlyList<string> GatewaysFor(string currency) =>
        EnabledGateways.Where(g => g.Currencies.Contains(currency)).Select(g => g.Key).ToList();
}

/// <summary>The starting packs: INR at ₹1 a token (seed 000) and five USD packs for Stripe (seed 004).</summary>
public sealed class PackSeeder(AppDbContext db)
{
    public static IReadOnlyList<Pack> Defaults() =>
    [
        new("inr_100", "100 tokens", 100, "INR", 10_000, 10),
        new("inr_500", "500 tokens", 500, "INR", 50_000, 20),
        new("inr_1000", "1,000 tokens", 1_000, "INR", 100_000, 30),
        new("inr_5000", "5,000 tokens", 5_000, "INR", 500_000, 40),
        new("usd_starter", "Starter", 120, "USD", 500, 10),
        new("usd_basic", "Basic", 260, "USD", 1_000, 20),
        new("usd_plus", "Plus", 420, "USD", 1_500, 30),
        new("usd_pro", "Pro", 600, "USD", 2_000, 40),
        new("usd_max", "Max", 1_600, "USD", 5_000, 50),
    ];

    public Task SeedAsync(CancellationToken cancellationToken = default) => db.AddMissingAsync(Defaults(), p => p.Key, cancellationToken);
}
