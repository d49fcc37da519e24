using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Ledger;
using TokenSaas.Payments.PayU;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Payments;

public sealed class PayUHashTests
{
    [Fact]
    public void The_request_hash_matches_payu_s_vector()
    {
        var fields = new PayUFields("C0Dr8m", "12345", "10", "Shopping", "Test", "test@test.com", Udf2: "abc", Udf4: "15");

        Assert.Equal("C0Dr8m|12345|10|Shopping|Test|test@test.com||abc||15|||||||3sf0jURk", PayUHash.RequestText(fields, "3sf0jURk"));
        Assert.Equal("ffcdbf04fa5beefdcc2dd476c18bc410f02b3968e7f4f54e8f43f1e1a310bb32e3b4dec9305232bb89db5b1d0c009a53bcace6f4bd8ec2f695baf3d43ba730ce",
            PayUHash.Request(fields, "3sf0jURk"));
    }

    [Fact]
    public void The_reverse_hash_covers_the_status_and_every_field()
    {
        var fields = new PayUFields("key", "txn1", "500.00", "TokenSaas inr_500", "Buyer", "b@example.com", Udf1: "pay_1");
        var success = PayUHash.Response(fields, "success", "salt");

        Assert.True(PayUHash.Matches(success, PayUHash.Response(fields, "success", "salt")));
        Assert.False(PayUHash.Matches(success, PayUHash.Response(fields, "failure", "salt")));
        Assert.False(PayUHash.Matches(success, PayUHash.Response(fields with { Amount = "1.00" }, "success", "salt")));
    }
}

public sealed class PayUApp() : TestApp(new SqliteTestDatabase())
{
    public const string Key = "payu_test_key";
    public const string Salt = "payu_test_salt";

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Payments:PayU:Key"] = Key,
        ["Payments:PayU:Salt"] = Salt,
        ["Payments:PayU:BaseUrl"] = "https://test.payu.example",
    };
}

public sealed class PayUTests(PayUApp app) : IClassFixture<PayUApp>
{
    [Fact]
    public async Task The_signed_form_goes_to_payu_and_a_verified_success_credits_once()
    {
        var (_, userId, form) = await CheckoutAsync("inr_500");

        Assert.Equal("https://test.payu.example/_payment", form.Action);
        var fields = new PayUFields(PayUApp.Key, form["txnid"], "500.00", form["productinfo"], form["firstname"], form["email"], Udf1: form["udf1"]);
        Assert.Equal(PayUHash.Request(fields, PayUApp.Salt), form["hash"]);

        var back = PayUPost(fields, "success", PayUHash.Response(fields, "success", PayUApp.Salt));
        var first = await app.CreateBrowser().PostAsync("/checkout/payu/return", back);
        var replay = await app.CreateBrowser().PostAsync("/checkout/payu/return", PayUPost(fields, "success", PayUHash.Response(fields, "success", PayUApp.Salt)));

        Assert.Equal($"/tokens/buy?payment={form["udf1"]}", first.Location());
        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
        Assert.Equal(510, await BalanceAsync(userId));
    }

    [Fact]
    public async Task A_result_with_a_wrong_hash_or_changed_amount_is_refused()
    {
        var (_, userId, form) = await CheckoutAsync("inr_100");
        var fields = new PayUFields(PayUApp.Key, form["txnid"], "100.00", form["productinfo"], form["firstname"], form["email"], Udf1: form["udf1"]);

        var forged = await app.CreateBrowser().PostAsync("/checkout/payu/return", PayUPost(fields, "success", new string('a', 128)));
        var cheaper = fields with { Amount = "1.00" };
        var changed = await app.CreateBrowser().PostAsync("/checkout/payu/return",
            PayUPost(cheaper, "success", PayUHash.Response(cheaper, "success", PayUApp.Salt)));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, changed.StatusCode);
        Assert.Equal(10, await BalanceAsync(userId));
    }

    private async Task<(HttpClient Browser, string UserId, PayUForm Form)> CheckoutAsync(string pack)
    {
        var email = Users.NewEmail();
        var browser = await app.SignedUpAsync(email);
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        var start = await browser.SubmitFormAsync($"/tokens/buy?handler=Confirm&pack={pack}", new Dictionary<string, string> { ["gateway"] = "payu" },
            "[data-testid=buy-modal] form");
        var page = await browser.GetHtmlAsync(start.Location()!);
        var form = page.QuerySelector("form#payu")!;
        return (browser, userId, new PayUForm(form.GetAttribute("action")!,
            form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value")!)));
    }

    private static FormUrlEncodedContent PayUPost(PayUFields f, string status, string hash) => new(new Dictionary<string, string>
    {
        ["mihpayid"] = "403993715521234567", ["status"] = status, ["txnid"] = f.TxnId, ["amount"] = f.Amount, ["productinfo"] = f.ProductInfo,
        ["firstname"] = f.FirstName, ["email"] = f.Email, ["udf1"] = f.Udf1, ["key"] = f.Key, ["hash"] = hash,
    });

    private Task<long> BalanceAsync(string userId) =>
        app.WithScopeAsync(async s => (await s.GetRequiredService<LedgerService>().GetBalanceAsync(userId)).Total);

    private sealed record PayUForm(string Action, Dictionary<string, string> Fields)
    {
        public string this[string name] => Fields[name];
    }
}
