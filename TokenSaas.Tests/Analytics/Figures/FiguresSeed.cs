using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Identity;
using TokenSaas.Ledger;
using TokenSaas.Payments;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Analytics.Figures;

/// <summary>
/// A small shop over three local days of Asia/Kolkata (UTC+5:30), written through the app's own
/// services as the clock moves: grants, spends, a captured and a released studio run, a refund,
/// payments in two currencies (one discounted, one refunded the next day), and activity either
/// side of local midnight.
/// </summary>
public sealed class FiguresSeed(TimeApp app)
{
    public static readonly DateOnly Day0 = new(2030, 3, 9);
    public static readonly DateOnly Day1 = Day0.AddDays(1);
    public static readonly DateOnly Day2 = Day0.AddDays(2);

    public static readonly DateTimeOffset Start = new(2030, 3, 9, 12, 0, 0, TimeSpan.Zero);

    public string FeatureA { get; private set; } = "";

    public string FeatureB { get; private set; } = "";

    public string Alice { get; private set; } = "";

    public string Bob { get; private set; } = "";

    public async Task RunAsync()
    {
        (FeatureA, FeatureB) = await app.WithDbAsync(async db =>
        {
            var keys = await db.Features.Where(f => f.Active && f.Cost > 0).OrderBy(f => f.Key).Select(f => f.Key).Take(2).ToListAsync();
            return (keys[0], keys[1]);
        });
        await app.WithDbAsync(db => db.Features.Where(f => f.Key == FeatureA).ExecuteUpdateAsync(s => s.SetProperty(f => f.CostPerUse, 7L)));

        // Day 0, 17:30 local.
        Alice = await RegisterAsync("alice");
        Bob = await RegisterAsync("bob");
        var carol = await RegisterAsync("carol");
        await Ledger(l => l.AllocateAsync(Alice, 1_000, null, Admins.Act()));
        await Ledger(l => l.AllocateAsync(Bob, 500, null, Admins.Act()));
        var refundable = (await Ledger(l => l.SpendAsync(Alice, FeatureA, 2, Key()))).Value!.EntryId;
        await PayAsync(Alice, "INR", 9_900, discount: 1_100, tokens: 1_000);
        var usd = await PayAsync(Bob, "USD", 1_200, discount: 0, tokens: 500);

        // Day 0, 23:50 local: still day 0.
        app.Clock.MoveTo(new DateTimeOffset(2030, 3, 9, 18, 20, 0, TimeSpan.Zero));
        await Ledger(l => l.SpendAsync(Bob, FeatureB, 1, Key()));
        var run = (await Ledger(l => l.HoldAsync(Alice, FeatureA, 1, Key()))).Value!.HoldId;
        await Ledger(l => l.CaptureAsync(Alice, run));

        // Day 1, 00:10 local (18:40 UTC on day 0's date).
        app.Clock.MoveTo(new DateTimeOffset(2030, 3, 9, 18, 40, 0, TimeSpan.Zero));
        await Ledger(l => l.SpendAsync(Alice, FeatureA, 3, Key()));
        var failed = (await Ledger(l => l.HoldAsync(Bob, FeatureB, 2, Key()))).Value!.HoldId;
        await Ledger(l => l.ReleaseAsync(Bob, failed));
        await PayAsync(carol, "INR", 4_900, discount: 0, tokens: 500);

        // Day 1, 11:30 local: a spend refunded, and day 0's USD payment refunded.
        app.Clock.MoveTo(new DateTimeOffset(2030, 3, 10, 6, 0, 0, TimeSpan.Zero));
        await Ledger(l => l.AdminRefundAsync(refundable, Admins.Act()));
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.WithDbAsync(db => db.Payments.Where(p => p.Id == usd)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PaymentStatus.Refunded).SetProperty(p => p.UpdatedAt, now)));

        // Day 2 (today), 10:30 local.
        app.Clock.MoveTo(new DateTimeOffset(2030, 3, 11, 5, 0, 0, TimeSpan.Zero));
        await Ledger(l => l.SpendAsync(Alice, FeatureB, 1, Key()));
    }

    private static string Key() => $"seed-{Guid.NewGuid():N}";

    private Task<T> Ledger<T>(Func<LedgerService, Task<T>> work) =>
        app.WithScopeAsync(s => work(s.GetRequiredService<LedgerService>()));

    private Task<string> RegisterAsync(string name) => app.WithScopeAsync(async s =>
    {
        var (user, errors) = await s.GetRequiredService<Registration>().RegisterAsync(Users.NewEmail(name), Users.Password);
        Assert.True(user is not null, string.Join("; ", errors));
        return user!.Id;
    });

    private Task<string> PayAsync(string userId, string currency, long charged, long discount, long tokens) => app.WithDbAsync(async db =>
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var payment = new Payment(userId, "sandbox", new PaymentItem(PaymentKind.Pack, "seed", "Seed pack", tokens, 0, charged + discount, currency),
            Key(), now);
        db.Payments.Add(payment);
        await db.SaveChangesAsync();
        await db.Payments.Where(p => p.Id == payment.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PaymentStatus.Succeeded)
            .SetProperty(p => p.PaidAt, now).SetProperty(p => p.Amount, charged).SetProperty(p => p.Discount, discount));
        return payment.Id;
    });
}
