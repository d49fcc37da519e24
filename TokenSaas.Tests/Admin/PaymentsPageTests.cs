using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Ledger;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Admin;

public sealed class PaymentsPageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task An_admin_sees_a_purchase_and_refunds_it_from_the_payments_page()
    {
        var email = Users.NewEmail();
        var buyer = await app.SignedUpAsync(email);
        var checkout = await buyer.SubmitFormAsync("/tokens/buy?handler=Confirm&pack=inr_100", new Dictionary<string, string>(),
            "[data-testid=buy-modal] form");
        await buyer.SubmitFormAsync(checkout.Location()!, new Dictionary<string, string>(), "main form", "[data-testid=sandbox-pay]");
        var admin = app.CreateBrowser();
        await admin.LogInAsync(TestApp.AdminEmail, TestApp.AdminPassword);

        var row = (await admin.GetHtmlAsync("/admin/payments?status=succeeded")).QuerySelectorAll("[data-testid=payments] tbody tr")
            .Single(r => r.TextContent.Contains(email));
        var refund = await admin.SubmitFormAsync("/admin/payments?status=succeeded", new Dictionary<string, string> { ["reason"] = "customer asked" },
            $"form[action*='{checkout.Location()!.Split('/').Last()}']");
        var after = await admin.GetHtmlAsync(refund.Location()!);

        Assert.Contains("100 tokens", row.TextContent);
        Assert.Contains("Refunded", after.QuerySelector("[role=status]")!.TextContent);
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        Assert.Equal(10, await app.WithScopeAsync(async s => (await s.GetRequiredService<LedgerService>().GetBalanceAsync(userId)).Total));
    }

    [Fact]
    public async Task Users_cannot_open_the_payments_page()
    {
        var client = await app.SignedUpAsync(Users.NewEmail());

        Assert.StartsWith("/account/access-denied", (await client.GetAsync("/admin/payments")).Location());
    }
}
