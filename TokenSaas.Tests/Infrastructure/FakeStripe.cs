using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TokenSaas.Payments.Stripe;

namespace TokenSaas.Tests.Infrastructure;

/// <summary>
/// A stand-in for api.stripe.com on 127.0.0.1: real HTTP, Stripe's wire format (form-encoded
/// bracket keys, Bearer auth, Idempotency-Key replay, error envelope), Checkout Sessions only.
/// Tests complete a session and then deliver signed events as Stripe would.
/// </summary>
public sealed class FakeStripe : FakeServer
{
    public const string SecretKey = "sk_test_fake_key";
    public const string WebhookSecret = "whsec_test_fake_secret";

    private readonly ConcurrentDictionary<string, JsonObject> sessions = new();
    private readonly ConcurrentDictionary<string, string> byIdempotencyKey = new();
    private int counter;

    protected override void Map(WebApplication app)
    {
        app.MapPost("/v1/checkout/sessions", (Delegate)CreateAsync);
        app.MapGet("/v1/checkout/sessions/{id}", (string id, HttpContext context) =>
            !Authorized(context) ? Error(401, "Invalid API Key provided")
            : sessions.TryGetValue(id, out var session) ? Results.Text(session.ToJsonString(), "application/json")
            : Error(404, $"No such checkout.session: '{id}'"));
        app.MapPost("/v1/refunds", async (HttpContext context) =>
        {
            if (!Authorized(context))
            {
                return Error(401, "Invalid API Key provided");
            }

            var intent = (await context.Request.ReadFormAsync())["payment_intent"].ToString();
            Refunded.Add(intent);
            return Results.Json(new { id = "re_" + Guid.NewGuid().ToString("N")[..14], @object = "refund", status = "succeeded", payment_intent = intent });
        });
    }

    /// <summary>Every form the app posted to create a session, as received.</summary>
    public ConcurrentBag<IReadOnlyDictionary<string, string>> Created { get; } = [];

    public JsonObject Session(string id) => sessions[id];

    /// <summary>Payment intents the app asked to refund.</summary>
    public ConcurrentBag<string> Refunded { get; } = [];

    /// <summary>The buyer paid on Stripe's page.</summary>
    public JsonObject Pay(string sessionId)
    {
        var session = sessions[sessionId];
        session["status"] = "complete";
        session["payment_status"] = "paid";
        session["payment_intent"] = "pi_test_" + sessionId[8..];
        return session;
    }

    /// <summary>A Stripe event around <paramref name="obj"/>, as the body Stripe would post.</summary>
    public static string Event(string type, JsonNode obj, string? id = null) => new JsonObject
    {
        ["id"] = id ?? "evt_" + Guid.NewGuid().ToString("N")[..24],
        ["object"] = "event",
        ["api_version"] = "2024-06-20",
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["type"] = type,
        ["livemode"] = false,
        ["data"] = new JsonObject { ["object"] = obj.DeepClone() },
    }.ToJsonString();

    /// <summary>Posts an event to the app's webhook endpoint, signed at <paramref name="at"/> (default now).</summary>
    public static Task<HttpResponseMessage> DeliverAsync(HttpClient app, string body, DateTimeOffset? at = null, string secret = WebhookSecret)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/stripe/webhooks") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("Stripe-Signature", StripeSignature.Header((at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds(), bytes, secret));
        return app.SendAsync(request);
    }

    private async Task<IResult> CreateAsync(HttpContext context)
    {
        if (!Authorized(context))
        {
            return Error(401, "Invalid API Key provided");
        }

        var form = (await context.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString());
        var key = context.Request.Headers["Idempotency-Key"].ToString();
        if (key.Length > 0 && byIdempotencyKey.TryGetValue(key, out var earlier))
        {
            return Results.Text(sessions[earlier].ToJsonString(), "application/json");
        }

        if (form.GetValueOrDefault("mode") != "payment" || !long.TryParse(form.GetValueOrDefault("line_items[0][price_data][unit_amount]"), out var amount))
        {
            return Error(400, "Missing required param: mode or line_items[0][price_data][unit_amount].");
        }

        Created.Add(form);
        var id = $"cs_test_{Interlocked.Increment(ref counter):D6}{Guid.NewGuid():N}"[..30];
        var session = new JsonObject
        {
            ["id"] = id,
            ["object"] = "checkout.session",
            ["url"] = $"{BaseUrl}/pay/{id}",
            ["status"] = "open",
            ["payment_status"] = "unpaid",
            ["payment_intent"] = null,
            ["amount_total"] = amount,
            ["currency"] = form.GetValueOrDefault("line_items[0][price_data][currency]"),
            ["client_reference_id"] = form.GetValueOrDefault("client_reference_id"),
            ["metadata"] = new JsonObject { ["payment_id"] = form.GetValueOrDefault("metadata[payment_id]") },
            ["success_url"] = form.GetValueOrDefault("success_url"),
        };
        sessions[id] = session;
        if (key.Length > 0)
        {
            byIdempotencyKey[key] = id;
        }

        return Results.Text(session.ToJsonString(), "application/json");
    }

    private static bool Authorized(HttpContext context) => context.Request.Headers.Authorization == $"Bearer {SecretKey}";

    private static IResult Error(int status, string message) => Results.Json(
        new { error = new { type = "invalid_request_error", message } }, statusCode: status);
}

/// <summary>The app with Stripe enabled and pointed at a <see cref="FakeStripe"/>.</summary>
public sealed class StripeApp() : TestApp(new SqliteTestDatabase())
{
    public FakeStripe Stripe { get; } = new();

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Payments:Stripe:SecretKey"] = FakeStripe.SecretKey,
        ["Payments:Stripe:WebhookSecret"] = FakeStripe.WebhookSecret,
        ["Payments:Stripe:BaseUrl"] = Stripe.BaseUrl,
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Stripe.DisposeAsync();
    }
}
