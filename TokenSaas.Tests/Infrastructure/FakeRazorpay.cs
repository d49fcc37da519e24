using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TokenSaas.Payments.Razorpay;

namespace TokenSaas.Tests.Infrastructure;

/// <summary>A stand-in for api.razorpay.com on 127.0.0.1: Basic auth, the Orders API's shapes and error envelope.</summary>
public sealed class FakeRazorpay : FakeServer
{
    public const string KeyId = "rzp_test_fakekey";
    public const string KeySecret = "fake_key_secret";
    public const string WebhookSecret = "fake_webhook_secret";

    private readonly ConcurrentDictionary<string, JsonObject> orders = new();
    private readonly ConcurrentDictionary<string, JsonArray> orderPayments = new();

    protected override void Map(WebApplication app)
    {
        app.MapPost("/v1/orders", async (HttpContext context) =>
        {
            if (!Authorized(context))
            {
                return Error("Authentication failed");
            }

            var body = JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync())!.AsObject();
            var amount = body["amount"]?.GetValue<long>() ?? 0;
            if (amount < 100 || body["currency"]?.GetValue<string>() != "INR")
            {
                return Error("The amount must be atleast INR 1.00");
            }

            var id = "order_" + Guid.NewGuid().ToString("N")[..14];
            var notes = body["notes"] is JsonObject { Count: > 0 } n ? n.DeepClone() : new JsonArray();
            var order = new JsonObject
            {
                ["id"] = id, ["entity"] = "order", ["amount"] = amount, ["amount_paid"] = 0, ["amount_due"] = amount,
                ["currency"] = "INR", ["receipt"] = body["receipt"]?.GetValue<string>(), ["status"] = "created", ["attempts"] = 0,
                ["notes"] = notes, ["created_at"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            };
            orders[id] = order;
            return Results.Text(order.ToJsonString(), "application/json");
        });
        app.MapGet("/v1/orders/{id}/payments", (string id, HttpContext context) => !Authorized(context)
            ? Error("Authentication failed")
            : Results.Text(new JsonObject
            {
                ["entity"] = "collection",
                ["count"] = orderPayments.TryGetValue(id, out var items) ? items.Count : 0,
                ["items"] = items?.DeepClone() ?? new JsonArray(),
            }.ToJsonString(), "application/json"));
    }

    public JsonObject Order(string id) => orders[id];

    /// <summary>The buyer paid on Razorpay's side, whatever our app heard of it.</summary>
    public string Capture(string orderId)
    {
        var paymentId = "pay_" + Guid.NewGuid().ToString("N")[..14];
        orderPayments.GetOrAdd(orderId, _ => []).Add(new JsonObject
        {
            ["id"] = paymentId, ["entity"] = "payment", ["order_id"] = orderId, ["status"] = "captured",
            ["amount"] = orders[orderId]["amount"]!.GetValue<long>(), ["currency"] = "INR",
        });
        return paymentId;
    }

    /// <summary>What checkout.js hands the browser after a successful payment.</summary>
    public static (string PaymentId, string Signature) Checkout(string orderId)
    {
        var paymentId = "pay_" + Guid.NewGuid().ToString("N")[..14];
        return (paymentId, RazorpaySignature.Payment(orderId, paymentId, KeySecret));
    }

    public static string Event(string type, string orderId, string paymentId, long amount) => new JsonObject
    {
        ["entity"] = "event", ["account_id"] = "acc_test", ["event"] = type, ["contains"] = new JsonArray("payment"),
        ["payload"] = new JsonObject
        {
            ["payment"] = new JsonObject
            {
                ["entity"] = new JsonObject
                {
                    ["id"] = paymentId, ["entity"] = "payment", ["amount"] = amount, ["currency"] = "INR", ["order_id"] = orderId,
                    ["status"] = type == "payment.failed" ? "failed" : "captured",
                    ["error_description"] = type == "payment.failed" ? "Payment was declined by the bank" : null,
                },
            },
        },
        ["created_at"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
    }.ToJsonString();

    public static Task<HttpResponseMessage> DeliverAsync(HttpClient app, string body, string? eventId = null, string secret = WebhookSecret)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/razorpay/webhooks") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-Razorpay-Signature", RazorpaySignature.Webhook(bytes, secret));
        request.Headers.Add("x-razorpay-event-id", eventId ?? "evt_" + Guid.NewGuid().ToString("N")[..14]);
        return app.SendAsync(request);
    }

    private static bool Authorized(HttpContext context) => context.Request.Headers.Authorization ==
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{KeyId}:{KeySecret}"));

    private static IResult Error(string description) => Results.Json(new
    {
        error = new { code = "BAD_REQUEST_ERROR", description, source = "business", step = "payment_initiation", reason = "input_validation_failed" },
    }, statusCode: 400);
}

/// <summary>The app with Razorpay enabled and pointed at a <see cref="FakeRazorpay"/>.</summary>
public sealed class RazorpayApp() : TestApp(new SqliteTestDatabase())
{
    public FakeRazorpay Razorpay { get; } = new();

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Payments:Razorpay:KeyId"] = FakeRazorpay.KeyId,
        ["Payments:Razorpay:KeySecret"] = FakeRazorpay.KeySecret,
        ["Payments:Razorpay:WebhookSecret"] = FakeRazorpay.WebhookSecret,
        ["Payments:Razorpay:BaseUrl"] = Razorpay.BaseUrl,
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Razorpay.DisposeAsync();
    }
}
