using System.Text.Json;

namespace TokenSaas.Payments;

/// <summary>What every gateway webhook needs first: the raw bytes (signatures cover them exactly) and then, once verified, the JSON.</summary>
public static class WebhookMessage
{
    public static async Task<byte[]> ReadRawAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    /// <summary>The body as JSON, or null when it is not.</summary>
    public static JsonElement? Parse(byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A string property of an object, or null when absent or of another kind.</summary>
    public static string? Text(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
