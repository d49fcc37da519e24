namespace TokenSaas.Infrastructure;

/// <summary>The few htmx headers the site reads and writes.</summary>
public static class Htmx
{
    public static bool IsHtmx(this HttpRequest request) => request.Headers["HX-Request"] == "true";
}
