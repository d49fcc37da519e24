using System.Collections;
using System.Globalization;
using TokenSaas.Admin;

namespace TokenSaas.Pages.Admin;

/// <summary>
/// What the shared confirm step (_CatalogueConfirm) shows and posts: the changes before → after,
/// any messages, and the reviewed form again as hidden fields (its reason stays editable).
/// </summary>
public sealed record CatalogueConfirm(CatalogueStep Step, ICatalogueForm Form, string SaveUrl, string CancelUrl, bool Creating)
{
    private const string Prefix = "Input";

    public string? Reason => Form.Reason;

    public string Title => Creating ? "Create it?" : "Save these changes?";

    public IEnumerable<(string Name, string Value)> HiddenFields() => Fields(Form);

    /// <summary>Every field of <paramref name="form"/> but the reason, named as the form posts it (Input.Name, Input.Prices[INR]).</summary>
    public static IEnumerable<(string Name, string Value)> Fields(object form)
    {
        foreach (var property in form.GetType().GetProperties().Where(p => p.Name != "Reason"))
        {
            switch (property.GetValue(form))
            {
                case IDictionary map:
                    foreach (DictionaryEntry entry in map)
                    {
                        yield return ($"{Prefix}.{property.Name}[{entry.Key}]", entry.Value?.ToString() ?? string.Empty);
                    }

                    break;
                case bool flag:
                    yield return ($"{Prefix}.{property.Name}", flag ? "true" : "false");
                    break;
                case var value:
                    yield return ($"{Prefix}.{property.Name}", Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
                    break;
            }
        }
    }
}
