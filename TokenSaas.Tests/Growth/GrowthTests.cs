using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Ledger;
using TokenSaas.Payments;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Growth;

public sealed class GrowthTests(SqliteFreeApp app) : IClassFixture<SqliteFreeApp>
{
    [Fact]
    public async Task The_login_bonus_is_paid_once_a_day_however_often_one_logs_in()
    {
        var email = Users.NewEmail();
        await app.SignedUpAsync(email);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("/dashboard", (await app.CreateBrowser().LogInAsync(email)).Location());
        }

        Assert.Equal(1, await EntriesAsync(email, "Daily login bonus"));
    }

    [Fact]
    public async Task The_referrer_is_rewarded_once_even_if_the_friend_buys_twice()
    {
        var referrer = Users.NewEmail();
        var referrerClient = await app.SignedUpAsync(referrer);
        var link = (await referrerClient.GetHtmlAsync("/tokens/gift")).QuerySelector("[data-testid=invite-link]")!.GetAttribute("value")!;
        var friend = Users.NewEmail();
        var friendClient = app.CreateBrowser();
        await friendClient.SubmitFormAsync(new Uri(link).PathAndQuery, new Dictionary<string, string>
        {
            ["Input.Email"] = friend, ["Input.Password"] = Users.Password, ["Input.ConfirmPassword"] = Users.Password,
        });

        await BuyAsync(friendClient);
        await BuyAsync(friendClient);

        Assert.Equal(1, await EntriesAsync(referrer, "Referral bonus: a friend you invited made a purchase"));
        Assert.Equal(50, await app.WithDbAsync(db => db.LedgerEntries.Where(e => e.Description.StartsWith("Referral bonus")
            && db.TokenAccounts.Any(a => a.Id == e.AccountId && db.Users.Any(u => u.Id == a.UserId && u.Email == referrer))).SumAsync(e => e.Amount)));
    }

    [Fact]
    public async Task A_gift_moves_bonus_tokens_and_both_sides_see_it()
    {
        var giver = Users.NewEmail();
        var receiver = Users.NewEmail();
        var client = await app.SignedUpAsync(giver);
        await app.SignedUpAsync(receiver);

        var sent = await GiftAsync(client, receiver, "6");

        Assert.Equal("/dashboard", sent.Location());
        Assert.Equal(1, await EntriesAsync(giver, $"Gift sent: {giver} → {receiver}"));
        Assert.Equal(1, await EntriesAsync(receiver, $"Gift received: {giver} → {receiver}"));
        Assert.Equal((4L, 16L), (await BonusAsync(giver), await BonusAsync(receiver)));
        Assert.True((await app.VerifyAsync()).Clean);
    }

    [Theory]
    [InlineData("self", "11", "You cannot send a gift to yourself.")]
    [InlineData("unknown", "1", "No TokenSaas account uses that email.")]
    [InlineData("other", "11", "You can give up to 10 tokens (bought or bonus ones); 11 is more than that.")]
    [InlineData("other", "100000", "You can give up to 10 tokens (bought or bonus ones); 100,000 is more than that.")]
    [InlineData("other", "0", "Enter a whole number of tokens up to 10.")]
    [InlineData("other", "-3", "Enter a whole number of tokens up to 10.")]
    [InlineData("other", "lots", "Enter a whole number of tokens up to 10.")]
    [InlineData("other", "99999999999999999999", "Enter a whole number of tokens up to 10.")]
    [InlineData("other", "", "Enter how many tokens to send.")]
    public async Task Gifts_that_cannot_be_made_say_why_and_move_nothing(string to, string amount, string message)
    {
        var giver = Users.NewEmail();
        var other = Users.NewEmail();
        var client = await app.SignedUpAsync(giver);
        await app.SignedUpAsync(other);
        var recipient = to switch { "self" => giver, "unknown" => Users.NewEmail(), _ => other };

        var response = await GiftAsync(client, recipient, amount);

        Assert.Contains(message, (await response.ReadHtmlAsync()).FormErrors());
        Assert.Equal((10L, 10L), (await BonusAsync(giver), await BonusAsync(other)));
    }

    [Fact]
    public async Task The_page_shows_what_can_be_given_and_refuses_more_before_asking_to_confirm()
    {
        var client = await app.SignedUpAsync(Users.NewEmail());
        var other = Users.NewEmail();
        await app.SignedUpAsync(other);

        var form = await client.GetHtmlAsync("/tokens/gift");
        var confirm = await (await client.SubmitFormAsync("/tokens/gift", new Dictionary<string, string> { ["Input.Email"] = other, ["Input.Amount"] = "100000" },
            "main form.form", "[data-testid=gift-continue]")).ReadHtmlAsync();

        Assert.Equal("You can give up to 10 tokens.", form.QuerySelector("[data-testid=gift-max]")!.TextContent.Trim());
        Assert.Null(confirm.QuerySelector("[data-testid=gift-send]"));
        Assert.Contains("You can give up to 10 tokens (bought or bonus ones); 100,000 is more than that.", confirm.FormErrors());
    }

    // Confirm, then send, as the page does; for refusals the confirm step already answers.
    private static async Task<HttpResponseMessage> GiftAsync(HttpClient client, string email, string amount)
    {
        var fields = new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Amount"] = amount };
        var confirm = await client.SubmitFormAsync("/tokens/gift", fields, "main form.form", "[data-testid=gift-continue]");
        var page = await confirm.ReadHtmlAsync();
        if (page.QuerySelector("[data-testid=gift-send]") is null)
        {
            return await client.SubmitFormAsync("/tokens/gift", fields, "main form.form", "[data-testid=gift-continue]");
        }

        var form = page.QuerySelector("main form.form")!;
        var values = form.QuerySelectorAll("input[name]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        return await client.PostAsync(page.QuerySelector("[data-testid=gift-send]")!.GetAttribute("formaction"), new FormUrlEncodedContent(values));
    }

    private async Task BuyAsync(HttpClient client)
    {
        var checkout = await client.SubmitFormAsync("/tokens/buy?handler=Confirm&pack=inr_100", new Dictionary<string, string>(),
            "[data-testid=buy-modal] form");
        await client.SubmitFormAsync(checkout.Location()!, new Dictionary<string, string>(), "main form", "[data-testid=sandbox-pay]");
    }

    private Task<int> EntriesAsync(string email, string description) => app.WithDbAsync(db => db.LedgerEntries.CountAsync(e =>
        e.Description == description && db.TokenAccounts.Any(a => a.Id == e.AccountId && db.Users.Any(u => u.Id == a.UserId && u.Email == email))));

    private Task<long> BonusAsync(string email) => app.WithScopeAsync(async s =>
    {
        var userId = await s.GetRequiredService<TokenSaas.Data.AppDbContext>().Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return (await s.GetRequiredService<LedgerService>().GetBalanceAsync(userId))[GrantBucket.Bonus];
    });
}
