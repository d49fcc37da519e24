using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace TokenSaas.Infrastructure;

/// <summary>A setting the site cannot start with. Program prints the message on one line and exits non-zero.</summary>
public sealed class ConfigurationException(string message) : Exception(message);

/// <summary>Turns the ways a bad setting surfaces at start into one line a self-hoster can act on.</summary>
public static partial class StartupErrors
{
    public const int ExitCode = 78; // EX_CONFIG in sysexits.h

    /// <summary>The one-line description of a configuration error, or null when <paramref name="error"/> is not one.</summary>
    public static string? Describe(Exception error) => error switch
    {
        ConfigurationException e => e.Message,
        OptionsValidationException e => string.Join(" ", e.Failures.Select(f => Failure(e.OptionsType, f))),
        AggregateException e when e.InnerExceptions.Count > 0 && e.InnerExceptions.All(i => Describe(i) is not null) =>
            string.Join(" ", e.InnerExceptions.Select(i => Describe(i))),
        // The configuration binder's own message names the key and the type ("Failed to convert configuration value …").
        InvalidOperationException e when e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) =>
            e.Message,
        _ => null,
    };

    // "DataAnnotation validation failed for 'JwtOptions' members: 'Lifetime' with the error: 'The field …'."
    private static string Failure(Type options, string failure)
    {
        var match = AnnotationFailure().Match(failure);
        if (!match.Success)
        {
            return failure;
        }

        var (member, message) = (match.Groups["member"].Value, match.Groups["error"].Value);
        var section = options.GetField("Section", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as string;
        var key = section is null ? member : $"{section}:{member}";
        return message.Contains(key, StringComparison.OrdinalIgnoreCase) ? message : $"{key} is not valid: {message}";
    }

    [GeneratedRegex(@"members: '(?<member>[^']*)' with the error: '(?<error>.*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex AnnotationFailure();
}
