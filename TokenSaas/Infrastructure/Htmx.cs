namespace TokenSaas.Infrastructure;

/// <summary>The few htmx headers the site reads and writes.</summary>
public static class Htmx
{
    /// <summary>The event that tells the navbar badge (and the dashboard) to re-fetch the balance.</summary>
    public const string TokensChanged = "tokens-changed";

    public static bool IsHtmx(this HttpRequest request) => request.Headers["HX-Request"] == "true";
}
