using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Audit;
using TokenSaas.Payments;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Audit;

public abstract class PaymentRefundAuditTests(TestApp app)
{
    [Fact]
    public async Task An_api_refund_needs_a_reason_and_writes_one_payment_refund_row_however_often_it_is_sent()
    {
        var (_, paymentId) = await app.SandboxPurchaseAsync();
        var api = app.AdminApi();
        var url = $"/api/admin/payments/{paymentId}/refund";

        var withoutReason = await api.PostAsJsonAsync(url, new { });
        var blankReason = await api.PostAsJsonAsync(url, new { reason = "  " });
        var statusAfterRefusals = await StatusAsync(paymentId);
        var refund = await api.PostAsJsonAsync(url, new { reason = "charged twice" });
        var again = await api.PostAsJsonAsync(url, new { reason = "charged twice" });

        Assert.Equal(HttpStatusCode.BadRequest, withoutReason.StatusCode);
        Assert.Equal("A reason is required.", await withoutReason.ErrorAsync());
        Assert.Equal(HttpStatusCode.BadRequest, blankReason.StatusCode);
        Assert.Equal(PaymentStatus.Succeeded, statusAfterRefusals);
        Assert.Equal(HttpStatusCode.OK, refund.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var row = Assert.Single(await app.AuditRowsAsync(paymentId));
        Assert.Equal((AuditActions.PaymentRefund, AuditTargets.Payment, "charged twice", $"{AuditActions.PaymentRefund}:{paymentId}"),
            (row.Action, row.TargetType, row.Reason, row.IdempotencyKey));
        using var before = JsonDocument.Parse(row.Before!);
        using var after = JsonDocument.Parse(row.After!);
        Assert.Equal("succeeded", before.RootElement.GetProperty("status").GetString());
        Assert.Equal("refunded", after.RootElement.GetProperty("status").GetString());
        Assert.Equal(0, after.RootElement.GetProperty("tokens_not_recovered").GetInt64());
        Assert.Null((await app.VerifyAuditAsync()).FirstBroken);
    }

    [Fact]
    public async Task A_refund_from_the_payments_page_asks_for_a_reason_and_is_audited_under_the_admin()
    {
        var (_, paymentId) = await app.SandboxPurchaseAsync();
        var admin = app.CreateBrowser();
        await admin.LogInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var form = $"form[action*='{paymentId}']";

        var page = await admin.GetHtmlAsync("/admin/payments?status=succeeded");
        var refused = await admin.SubmitFormAsync("/admin/payments?status=succeeded", new Dictionary<string, string>(), form);
        var refusedMessage = (await admin.GetHtmlAsync(refused.Location()!)).QuerySelector("[role=status]")!.TextContent;
        var refund = await admin.SubmitFormAsync("/admin/payments?status=succeeded",
            new Dictionary<string, string> { ["reason"] = "customer asked" }, form);
        await admin.GetAsync(refund.Location()!);

        var input = page.QuerySelector($"{form} input[name=reason]")!;
        Assert.True(input.HasAttribute("required"));
        Assert.Equal("200", input.GetAttribute("maxlength"));
        Assert.Contains("A reason is required.", refusedMessage);
        Assert.Equal(PaymentStatus.Refunded, await StatusAsync(paymentId));
        var row = Assert.Single(await app.AuditRowsAsync(paymentId));
        Assert.Equal((AuditActions.PaymentRefund, TestApp.AdminEmail, "customer asked"), (row.Action, row.ActorEmail, row.Reason));
    }

    private Task<PaymentStatus> StatusAsync(string paymentId) =>
        app.WithDbAsync(db => db.Payments.Where(p => p.Id == paymentId).Select(p => p.Status).SingleAsync());
}

public sealed class PaymentRefundAuditTests_Sqlite(SqliteApp app) : PaymentRefundAuditTests(app), IClassFixture<SqliteApp>;

public sealed class PaymentRefundAuditTests_Postgres(PostgresApp app) : PaymentRefundAuditTests(app), IClassFixture<PostgresApp>;
