using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace TokenSaas.Data;

/// <summary>Stores an enum as the snake_case text the API and the seeds use ("daily_reset").</summary>
public sealed class SnakeCaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    v => ToSnakeCase(v),
    v => Enum.Parse<TEnum>(v.Replace("_", string.Empty), true))
    where TEnum : struct, Enum
{
    public static string ToSnakeCase(TEnum value) => SnakeCase.From(value.ToString());
}

public static partial class SnakeCase
{
    public static string From(string name) => UpperAfterLower().Replace(name, "$1_$2").ToLowerInvariant();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex UpperAfterLower();
}
