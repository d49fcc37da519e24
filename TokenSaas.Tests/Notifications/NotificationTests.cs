using Microsoft.EntityFrameworkCore;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Notifications;

public sealed class MailApp() : TestApp(new SqliteTestDatabase())
{
    public string Pickup { get; } = Path.Combine(Path.GetTempPath(), "tokensaas-tests", "mail-" + Guid.NewGuid().ToString("N"));

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["Email:PickupDirectory"] = Pickup };
}

public sealed class NotificationTests(MailApp app) : IClassFixture<MailApp>
{
    [Fact]
    public async Task A_payment_is_announced_in_the_bell_and_by_email_until_read()
    {
        var email = Users.NewEmail();
        var client = await app.SignedUpAsync(email);

        await BuyAsync(client, "[data-testid=sandbox-pay]");
        var bell = await client.GetHtmlAsync("/notifications?handler=Bell");
        var list = await client.GetHtmlAsync("/notifications");
        await client.SubmitFormAsync("/notifications", new Dictionary<string, string>(), "form[action*='handler=Read']");
        var after = await client.GetHtmlAsync("/notifications?handler=Bell");

        Assert.Equal("1", bell.QuerySelector("[data-testid=bell-count]")!.TextContent);
        Assert.Contains("Payment received", list.QuerySelector("[data-testid=notifications]")!.TextContent);
        Assert.Null(after.QuerySelector("[data-testid=bell-count]"));
        var mail = Directory.GetFiles(app.Pickup, "*.eml").Select(File.ReadAllText).Where(m => m.Contains(email)).ToList();
        Assert.Contains(mail, m => m.Contains("Subject: Payment received"));
    }

    [Fact]
    public async Task A_failed_payment_is_announced_too()
    {
        var client = await app.SignedUpAsync(Users.NewEmail());

        await BuyAsync(client, "[data-testid=sandbox-fail]");

        Assert.Contains("Payment not completed", (await client.GetHtmlAsync("/notifications")).QuerySelector("[data-testid=notifications]")!.TextContent);
    }

    [Fact]
    public async Task The_receiver_of_a_gift_is_told()
    {
        var giver = Users.NewEmail();
        var receiver = Users.NewEmail();
        var giverClient = await app.SignedUpAsync(giver);
        var receiverClient = await app.SignedUpAsync(receiver);
        var confirm = await (await giverClient.SubmitFormAsync("/tokens/gift",
            new Dictionary<string, string> { ["Input.Email"] = receiver, ["Input.Amount"] = "3" }, "main form.form", "[data-testid=gift-continue]")).ReadHtmlAsync();
        var values = confirm.QuerySelector("main form.form")!.QuerySelectorAll("input[name]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        await giverClient.PostAsync(confirm.QuerySelector("[data-testid=gift-send]")!.GetAttribute("formaction"), new FormUrlEncodedContent(values));

        var notes = (await receiverClient.GetHtmlAsync("/notifications")).QuerySelector("[data-testid=notifications]")!.TextContent;
        Assert.Contains($"{giver} sent you 3 tokens", notes);
    }

    [Fact]
    public async Task A_low_balance_is_said_once_until_read()
    {
        var email = Users.NewEmail();
        var client = await app.SignedUpAsync(email);

        for (var i = 0; i < 3; i++)
        {
            var gate = await (await client.SubmitFormAsync("/studio/template", new Dictionary<string, string> { ["Input"] = "name: Asha" }, "#studio-form")).ReadHtmlAsync();
            var form = gate.QuerySelector("[data-testid=gate] form")!;
            await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(
                form.QuerySelectorAll("input[type=hidden]").ToDictionary(x => x.GetAttribute("name")!, x => x.GetAttribute("value")!)));
        }

        Assert.Equal(1, await app.WithDbAsync(db => db.Notifications.CountAsync(n => n.Kind == "low_balance"
            && db.Users.Any(u => u.Id == n.UserId && u.Email == email))));
    }

    private static async Task BuyAsync(HttpClient client, string button)
    {
        var checkout = await client.SubmitFormAsync("/tokens/buy?handler=Confirm&pack=inr_100", new Dictionary<string, string>(),
            "[data-testid=buy-modal] form");
        await client.SubmitFormAsync(checkout.Location()!, new Dictionary<string, string>(), "main form", button);
    }
}
