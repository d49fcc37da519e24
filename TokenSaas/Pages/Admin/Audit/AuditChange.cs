using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TokenSaas.Pages.Admin.Audit;

/// <summary>A row's before and after as the table shows them: the changed fields in one line, the JSON in full below.</summary>
public static class AuditChange
{
    private const int Shown = 3;
    // Razor encodes what it writes; escaping here as well would show "\u0027" for an apostrophe.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>"balance: 10 → 60", one per field that differs (new fields as "amount: 50"), at most a few.</summary>
    public static IReadOnlyList<string> Summary(string? before, string? after)
    {
        if (Parse(after) is not JsonObject next)
        {
            return [];
        }

        var previous = Parse(before) as JsonObject;
        var changes = new List<string>();
        foreach (var (key, value) in next)
        {
            if (previous is not null && previous.TryGetPropertyValue(key, out var old))
            {
                if (!JsonNode.DeepEquals(old, value))
                {
                    changes.Add($"{key}: {Text(old)} → {Text(value)}");
                }
            }
            else
            {
                changes.Add($"{key}: {Text(value)}");
            }
        }

        return changes.Count > Shown ? [.. changes.Take(Shown), $"+{changes.Count - Shown} more"] : changes;
    }

    /// <summary>The JSON indented for reading, or the text as stored when it is not JSON.</summary>
    public static string? Pretty(string? json) => json is null ? null : Parse(json) is { } node ? node.ToJsonString(Indented) : json;

    private static JsonNode? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Text(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(Compact),
    };
}
