using System.Globalization;
using TokenSaas.Audit;
using TokenSaas.Infrastructure;

namespace TokenSaas.Pages.Admin.Audit;

/// <summary>The audit page's query string, as typed; <see cref="ToFilter"/> checks it.</summary>
public sealed class AuditSearch
{
    public const int PageSize = 50;
    private const int MaxText = 256;

    /// <summary>Part of the actor's email.</summary>
    public string? Actor { get; set; }

    public string? Action { get; set; }

    public string? TargetType { get; set; }

    public string? TargetId { get; set; }

    /// <summary>yyyy-MM-dd, inclusive (UTC).</summary>
    public string? From { get; set; }

    /// <summary>yyyy-MM-dd, inclusive (UTC).</summary>
    public string? To { get; set; }

    public long? After { get; set; }

    public bool IsFiltered => !string.IsNullOrWhiteSpace(Actor) || !string.IsNullOrEmpty(Action) || !string.IsNullOrEmpty(TargetType)
        || !string.IsNullOrWhiteSpace(TargetId) || !string.IsNullOrEmpty(From) || !string.IsNullOrEmpty(To);

    /// <summary>The filter, or the messages to show beside the fields (keyed by field name).</summary>
    public (AuditFilter? Filter, Dictionary<string, string> Errors) ToFilter(int limit = PageSize)
    {
        var errors = new Dictionary<string, string>();
        if (!string.IsNullOrEmpty(Action) && !AuditActions.All.Contains(Action))
        {
            errors[nameof(Action)] = "Choose an action from the list.";
        }

        if (!string.IsNullOrEmpty(TargetType) && !AuditTargets.All.Contains(TargetType))
        {
            errors[nameof(TargetType)] = "Choose a target type from the list.";
        }

        foreach (var (field, value) in new[] { (nameof(Actor), Actor), (nameof(TargetId), TargetId) })
        {
            if (value?.Length > MaxText)
            {
                errors[field] = $"Use at most {MaxText} characters.";
            }
        }

        var (from, until) = QueryInput.Days(From, To, errors);
        QueryInput.Cursor(After, errors);

        return errors.Count > 0
            ? (null, errors)
            : (new AuditFilter
            {
                Actor = Blank(Actor), Action = Blank(Action), TargetType = Blank(TargetType), TargetId = Blank(TargetId),
                From = from, Until = until, After = After, Limit = limit,
            }, errors);
    }

    /// <summary>The URL for the same filters, from another cursor (null: the first page).</summary>
    public string With(long? after, string? handler = null) => QueryInput.Url("/admin/audit",
        ("handler", handler), ("actor", Actor), ("action", Action), ("targettype", TargetType), ("targetid", TargetId), ("from", From),
        ("to", To), ("after", after?.ToString(CultureInfo.InvariantCulture)));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
