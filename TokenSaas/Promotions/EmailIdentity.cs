namespace TokenSaas.Promotions;

/// <summary>
/// One person behind several addresses: per-user limits count <c>ann+x@example.com</c> as
/// <c>ann@example.com</c>, and Gmail's dotted and googlemail.com forms as the plain gmail.com one.
/// </summary>
public static class EmailIdentity
{
    private static readonly HashSet<string> DotBlind = ["gmail.com", "googlemail.com"];

    public static string Key(string email)
    {
        var text = email.Trim().ToLowerInvariant();
        var at = text.LastIndexOf('@');
        if (at <= 0 || at == text.Length - 1)
        {
            return text;
        }

        var local = text[..at];
        var domain = text[(at + 1)..];
        if (local.IndexOf('+') is > 0 and var plus)
        {
            local = local[..plus];
        }

        if (DotBlind.Contains(domain))
        {
            local = local.Replace(".", string.Empty, StringComparison.Ordinal);
            domain = "gmail.com";
        }

        return $"{local}@{domain}";
    }
}
