using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace TokenSaas.Tests.Infrastructure;

/// <summary>Fills and submits a page's form the way a browser would, antiforgery token included.</summary>
public static class HtmlForms
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> ReadHtmlAsync(this HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    public static async Task<IHtmlDocument> GetHtmlAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}");
        return await response.ReadHtmlAsync();
    }

    /// <summary>
    /// GETs <paramref name="url"/>, fills the form matched by <paramref name="formSelector"/> and posts it (to
    /// <paramref name="postTo"/> when given: a step a browser reaches through a dialog, such as a confirm).
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(this HttpClient client, string url,
        IReadOnlyDictionary<string, string> fields, string formSelector = "main form", string? button = null, string? postTo = null)
    {
        var page = await client.GetHtmlAsync(url);
        var form = page.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form matches '{formSelector}' on {url}.");
        var values = form.QuerySelectorAll("input[name]").OfType<IHtmlInputElement>()
            .Where(i => i.Type is not ("checkbox" or "radio") || i.IsChecked)
            .GroupBy(i => i.Name!)
            .ToDictionary(g => g.Key, g => g.First().Value);
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }

        foreach (var radio in form.QuerySelectorAll("input[type=radio][checked]").OfType<IHtmlInputElement>())
        {
            values.TryAdd(radio.Name!, radio.Value);
        }

        var action = postTo ?? (button is null ? null : form.QuerySelector(button)?.GetAttribute("formaction"))
            ?? (string.IsNullOrEmpty(form.GetAttribute("action")) ? url : form.GetAttribute("action")!);
        return await client.PostAsync(action, new FormUrlEncodedContent(values));
    }

    public static IReadOnlyList<string> FormErrors(this IHtmlDocument page) =>
        page.QuerySelectorAll("[data-testid=form-errors] li, .field-error")
            .Select(e => e.TextContent.Trim())
            .Where(t => t.Length > 0)
            .ToList();
}
