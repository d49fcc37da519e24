using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace TokenSaas.Data;

/// <summary>Stores an enum as the snake_case text the API and the seeds use ("daily_reset").</summary>
public sealed class SnakeCaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    v => ToSnakeCase(v),
    v => Parse(v))
    where TEnum : struct, Enum
{
    // The ledger writer converts on every statement; the names never change, so convert once.
    private static readonly FrozenDictionary<TEnum, string> Names =
        Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, v => SnakeCase.From(v.ToString()));

    private static readonly FrozenDictionary<string, TEnum> Values =
        Names.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static string ToSnakeCase(TEnum value) => Names[value];

    public static TEnum Parse(string value) =>
        Values.TryGetValue(value, out var parsed) ? parsed : throw new FormatException($"'{value}' is not a {typeof(TEnum).Name}.");

    public static bool TryParse(string? value, out TEnum parsed) => Values.TryGetValue(value ?? string.Empty, out parsed);
}

public static partial class SnakeCase
{
    public static string From(string name) => UpperAfterLower().Replace(name, "$1_$2").ToLowerInvariant();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex UpperAfterLower();
}
