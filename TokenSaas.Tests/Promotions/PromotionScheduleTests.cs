using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Ledger;
using TokenSaas.Promotions;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Promotions;

/// <summary>A promotion's dates are the site's local days (Asia/Kolkata here, UTC+5:30), stored as UTC instants.</summary>
public abstract class PromotionScheduleTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Before = new(2030, 3, 9, 12, 0, 0, TimeSpan.Zero);

    protected abstract TestDatabase NewDatabase();

    private TimeApp App { get; set; } = null!;

    public async Task InitializeAsync()
    {
        App = new TimeApp(NewDatabase(), new Dictionary<string, string> { ["Tokens:TimeZone"] = "Asia/Kolkata" });
        App.Clock.MoveTo(Before);
        await App.InitializeAsync();
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    [Fact]
    public async Task A_promotion_starts_at_local_midnight_of_its_first_day_and_ends_at_its_end()
    {
        var calendar = App.Services.GetRequiredService<TokenCalendar>();
        var start = calendar.StartOf(new DateOnly(2030, 3, 10));
        var end = calendar.StartOf(new DateOnly(2030, 3, 13));
        var code = Promos.NewCode("SPRING");
        var promotion = await App.CreatePromotionAsync(code, PromotionType.PercentOff, 10, p => (p.StartsAt, p.EndsAt) = (start, end));
        var user = await App.NewApiUserAsync();
        Assert.Equal(new DateTime(2030, 3, 9, 18, 30, 0, DateTimeKind.Utc), start);

        App.Clock.MoveTo(start.AddMinutes(-1));
        var early = await user.QuoteAsync(code);
        var earlyBuy = await user.BuyAsync(code);
        App.Clock.MoveTo(start);
        var opening = await user.QuoteAsync(code);
        App.Clock.MoveTo(end.AddSeconds(-1));
        var closing = await user.QuoteAsync(code);
        App.Clock.MoveTo(end);
        var late = await user.QuoteAsync(code);
        var lateBuy = await user.BuyAsync(code);

        Assert.Equal((false, "This code is not active yet."), (early.Valid, early.Reason));
        Assert.Equal((HttpStatusCode.BadRequest, "This code is not active yet."), (earlyBuy.Status, earlyBuy.Error));
        Assert.Equal((true, 5_000L), (opening.Valid, opening.Discount));
        Assert.True(closing.Valid, closing.Reason);
        Assert.Equal((false, "This code has expired.", 0L), (late.Valid, late.Reason, late.Discount));
        Assert.Equal((HttpStatusCode.BadRequest, "This code has expired."), (lateBuy.Status, lateBuy.Error));
        Assert.Empty(await App.PaymentsOfAsync(user.UserId));
        Assert.Equal(PromotionStatus.Ended, (await App.PromotionAsync(promotion.Id)).StatusAt(App.Now()));
    }

    [Fact]
    public async Task A_paused_promotion_is_refused_until_it_is_resumed()
    {
        var code = Promos.NewCode("PAUSE");
        var promotion = await App.CreatePromotionAsync(code, PromotionType.PercentOff, 10, p => p.Paused = true);
        var user = await App.NewApiUserAsync();

        var quote = await user.QuoteAsync(code);
        var buy = await user.BuyAsync(code);
        await App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteUpdateAsync(
            db.Promotions.Where(p => p.Id == promotion.Id), s => s.SetProperty(p => p.Paused, false)));
        var resumed = await user.BuyAsync(code);

        Assert.Equal((false, "This code is paused at the moment."), (quote.Valid, quote.Reason));
        Assert.Equal((HttpStatusCode.BadRequest, "This code is paused at the moment."), (buy.Status, buy.Error));
        Assert.True(resumed.Started, resumed.Error);
        Assert.Single(await App.PaymentsOfAsync(user.UserId));
    }
}

public sealed class PromotionScheduleTests_Sqlite : PromotionScheduleTests
{
    protected override TestDatabase NewDatabase() => new SqliteTestDatabase();
}

public sealed class PromotionScheduleTests_Postgres : PromotionScheduleTests
{
    protected override TestDatabase NewDatabase() => new PostgresTestDatabase();
}
