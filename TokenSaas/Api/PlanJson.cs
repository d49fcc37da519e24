using System.Text.Json;
using System.Text.Json.Nodes;
using TokenSaas.Payments;
using TokenSaas.Plans;

namespace TokenSaas.Api;

/// <summary>
/// Reads a plan body over a starting point: a field present replaces it ("duration_days": null
/// means no end), a field absent keeps it. Wrong types are reported by field, not guessed at.
/// </summary>
public static class PlanJson
{
    public static (PlanInput? Input, string? Error) Read(JsonObject body, PlanInput start)
    {
        var input = start;
        var field = "";
        try
        {
            foreach (var (name, node) in body)
            {
                field = name;
                input = name switch
                {
                    "key" => input with { Key = Text(node) },
                    "name" => input with { Name = Text(node) },
                    "description" => input with { Description = Text(node) },
                    "monthly_tokens" => input with { MonthlyTokens = Whole(node, name) },
                    "duration_days" => input with { DurationDays = (int?)Whole(node, name, int.MaxValue) },
                    "prices" => input with { Prices = Prices(node) },
                    "annual_discount_percent" => input with { AnnualDiscountPercent = (int?)Whole(node, name, 100) },
                    "bullets" => input with { Bullets = node?.AsArray().Select(b => Text(b) ?? "").ToList() },
                    "active" => input with { Active = node?.GetValue<bool>() ?? throw new BadField("active must be true or false") },
                    "sort_order" => input with { SortOrder = (int)(Whole(node, name, 1_000_000) ?? 0) },
                    "reason" => input with { Reason = Text(node) },
                    "grandfather" => input with { Grandfather = node?.GetValue<bool>() ?? true },
                    "effective_at" => input with { EffectiveAt = node is null ? null : node.GetValue<DateTimeOffset>().UtcDateTime },
                    "idempotency_key" => input with { IdempotencyKey = Text(node) },
                    "expected_version" => input with { ExpectedVersion = (int?)Whole(node, name, int.MaxValue) },
                    _ => input,
                };
            }
        }
        catch (BadField ex)
        {
            return (null, $"invalid body: {ex.Message}");
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or JsonException)
        {
            // System.Text.Json's own messages ("The node must be of type 'JsonArray'") do not say which field.
            return (null, $"invalid body: the value of {field} is not valid");
        }

        return (input, null);
    }

    public static object Shape(Plan plan, IReadOnlyList<VersionCount> subscribers) => new
    {
        id = plan.Key,
        key = plan.Key,
        name = plan.Name,
        description = plan.Description,
        monthly_tokens = plan.MonthlyTokens,
        duration_days = plan.DurationDays,
        prices = plan.Prices.OrderBy(p => p.Currency).Select(p => new { currency = p.Currency, amount = p.Amount }),
        annual_discount_percent = plan.AnnualDiscountPercent,
        bullets = plan.Bullets,
        active = plan.Active,
        sort_order = plan.SortOrder,
        version = plan.Version,
        subscribers = subscribers.Sum(s => s.Subscribers),
        subscribers_by_version = subscribers.Select(s => new { version = s.Version, subscribers = s.Subscribers }),
    };

    private static string? Text(JsonNode? node) => node is null ? null
        : node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>()
        : throw new BadField($"{node.GetPropertyName()} must be text");

    private static long? Whole(JsonNode? node, string name, long max = long.MaxValue)
    {
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() != JsonValueKind.Number || !node.AsValue().TryGetValue<long>(out var value) && !WholeDecimal(node, out value))
        {
            throw new BadField($"{name} must be a whole number");
        }

        return value > max ? throw new BadField($"{name} is too large") : value;
    }

    // 2900.0 is a whole number; 29.5 is not.
    private static bool WholeDecimal(JsonNode node, out long value)
    {
        value = 0;
        if (!node.AsValue().TryGetValue<decimal>(out var number) || number != decimal.Truncate(number) || Math.Abs(number) > long.MaxValue)
        {
            return false;
        }

        value = (long)number;
        return true;
    }

    private static List<PriceInput>? Prices(JsonNode? node) => node?.AsArray().Select(p => p is JsonObject price
        ? new PriceInput(Text(price["currency"]), Whole(price["amount"], "amount"))
        : throw new BadField("each price is {\"currency\", \"amount\"}")).ToList();

    /// <summary>A field of the wrong kind, in words that name it.</summary>
    private sealed class BadField(string message) : FormatException(message);
}
