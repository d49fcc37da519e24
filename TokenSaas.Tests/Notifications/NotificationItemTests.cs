using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Ledger;
using TokenSaas.Payments;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Notifications;

/// <summary>The notifications list: each item read on its own, and a refunded purchase told to its buyer.</summary>
public abstract class NotificationItemTests(TestApp app)
{
    [Fact]
    public async Task One_item_can_be_marked_read_on_its_own_twice_without_harm_and_the_bell_follows()
    {
        var (client, userId) = await SignedUpAsync();
        await NotifyAsync(userId, "First");
        await NotifyAsync(userId, "Second");
        var first = await app.WithDbAsync(db => db.Notifications.Where(n => n.UserId == userId && n.Title == "First").Select(n => n.Id).SingleAsync());

        var htmx = await ReadOneAsync(client, first);
        var again = await ReadOneAsync(client, first);
        var list = await client.GetHtmlAsync("/notifications");
        var bell = await client.GetHtmlAsync("/notifications?handler=Bell");

        Assert.Contains("tokens-changed", htmx.Headers.GetValues("HX-Trigger"));
        var item = (await htmx.ReadHtmlAsync()).QuerySelector($"#notification-{first}")!;
        Assert.DoesNotContain("unread", item.ClassName ?? "");
        Assert.Equal(System.Net.HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("1", bell.QuerySelector("[data-testid=bell-count]")!.TextContent);
        Assert.Single(list.QuerySelectorAll("[data-testid=mark-one-read]"));
    }

    [Fact]
    public async Task Another_users_notification_cannot_be_marked_read()
    {
        var (_, owner) = await SignedUpAsync();
        await NotifyAsync(owner, "Mine");
        var id = await app.WithDbAsync(db => db.Notifications.Where(n => n.UserId == owner).Select(n => n.Id).SingleAsync());
        var (stranger, _) = await SignedUpAsync();

        var response = await ReadOneAsync(stranger, id);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(await app.WithDbAsync(db => db.Notifications.Where(n => n.Id == id).Select(n => n.ReadAt).SingleAsync()));
    }

    [Fact]
    public async Task A_refunded_purchase_tells_the_buyer_what_was_taken_back_and_what_was_already_spent()
    {
        var (client, userId) = await SignedUpAsync();
        var checkout = await client.SubmitFormAsync("/tokens/buy?handler=Confirm&pack=inr_100", new Dictionary<string, string>(),
            "[data-testid=buy-modal] form");
        var payment = checkout.Location()!.Split('/').Last();
        await app.WithScopeAsync(s => s.GetRequiredService<Fulfillment>().PaidAsync(payment, "gw", "test", CancellationToken.None));
        var balance = await app.WithScopeAsync(async s => (await s.GetRequiredService<LedgerService>().GetBalanceAsync(userId)).Total);
        await app.WithScopeAsync(s => s.GetRequiredService<LedgerService>().SpendAsync(userId, "create_website", (int)(balance - 100 + 15), "spend"));

        var refund = await app.WithScopeAsync(s => s.GetRequiredService<Refunds>().RefundAsync(payment, Admins.Actor, "customer asked", CancellationToken.None));
        var list = (await client.GetHtmlAsync("/notifications")).QuerySelector("[data-testid=notifications]")!.TextContent;

        Assert.True(refund.Succeeded, refund.Failure?.Message);
        Assert.Contains("Your purchase was refunded", list);
        Assert.Matches(@"Your purchase of 100 tokens \(.+\) was refunded; 85 tokens were taken back, 15 had already been spent\.", list);
    }

    private async Task<(HttpClient Client, string UserId)> SignedUpAsync()
    {
        var email = Users.NewEmail();
        var client = await app.SignedUpAsync(email);
        return (client, await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync()));
    }

    private Task NotifyAsync(string userId, string title) => app.WithScopeAsync(async s =>
    {
        await s.GetRequiredService<TokenSaas.Notifications.NotificationService>().NotifyAsync(userId, "test", title, "Body", null, CancellationToken.None);
        return 0;
    });

    private static async Task<HttpResponseMessage> ReadOneAsync(HttpClient client, long id)
    {
        var page = await client.GetHtmlAsync("/notifications");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? page.QuerySelector("meta[name=csrf-token]")!.GetAttribute("content")!;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/notifications?handler=ReadOne&id={id}");
        request.Headers.Add("HX-Request", "true");
        request.Headers.Add("RequestVerificationToken", token);
        return await client.SendAsync(request);
    }
}

public sealed class NotificationItemTests_Sqlite(SqliteApp app) : NotificationItemTests(app), IClassFixture<SqliteApp>;

public sealed class NotificationItemTests_Postgres(PostgresApp app) : NotificationItemTests(app), IClassFixture<PostgresApp>;
